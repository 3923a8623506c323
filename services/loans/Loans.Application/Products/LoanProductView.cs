using Loans.Domain.Bookings;
using Loans.Domain.Products;

namespace Loans.Application.Products;

public sealed record LoanProductView(
    string Code, string Name, string Currency, RateType RateType, decimal MinRatePercent, decimal MaxRatePercent, int MinTermMonths, int MaxTermMonths,
    bool Active, DateTimeOffset UpdatedAt, uint Version)
{
    public string ETag => $"\"{Version}\"";

    public static LoanProductView Of(LoanProduct p) =>
        new(p.Code, p.Name, p.Currency, p.RateType, p.MinRatePercent, p.MaxRatePercent, p.MinTermMonths, p.MaxTermMonths, p.Active, p.UpdatedAt, p.Version);
}
