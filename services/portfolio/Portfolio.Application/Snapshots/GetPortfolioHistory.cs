using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Batch;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Snapshots;

/// <summary>
/// The portfolio's daily snapshots between two business dates (inclusive), oldest first, for charts. Dates are
/// <c>yyyy-MM-dd</c>; <c>to</c> defaults to today in New York and <c>from</c> to 89 days before it; at most
/// <see cref="MaxDays"/> days at once. Access as for every portfolio read: owner, risk managers and admins; others 404.
/// </summary>
public sealed record GetPortfolioHistory(Guid PortfolioId, string? From, string? To) : IRequest<Result<PortfolioHistory>>
{
    public const int MaxDays = 366;
    public const int DefaultDays = 90;
}

public sealed record SnapshotPoint(
    DateOnly Date, DateOnly AsOf, int Positions, decimal MarketValue, decimal ProfitAndLossDay, decimal ProfitAndLossSinceInception,
    decimal GrossExposure, decimal NetExposure, decimal LongExposure, decimal ShortExposure,
    decimal DollarDelta, decimal DollarGamma, decimal Vega, decimal Theta, decimal Rho,
    decimal ValueAtRisk99OneDay, decimal? BetaToMarket, IReadOnlyDictionary<string, decimal> FactorBetas);

public sealed record PortfolioHistory(Guid PortfolioId, string Currency, DateOnly From, DateOnly To, IReadOnlyList<SnapshotPoint> Points);

internal sealed class GetPortfolioHistoryHandler(PortfolioDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetPortfolioHistory, Result<PortfolioHistory>>
{
    public async Task<Result<PortfolioHistory>> Handle(GetPortfolioHistory request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var to = Parse(request.To, "to", errors) ?? BatchJobs.Today(clock);
        var from = Parse(request.From, "from", errors) ?? to.AddDays(-(GetPortfolioHistory.DefaultDays - 1));
        if (errors.Count == 0 && from > to)
        {
            errors["from"] = ["Must not be after to."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber + 1 > GetPortfolioHistory.MaxDays)
        {
            errors["to"] = [$"The range may span at most {GetPortfolioHistory.MaxDays} days."];
        }

        if (errors.Count > 0)
        {
            return Error.Validation(errors);
        }

        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var rows = await db.Set<PortfolioSnapshotRow>().AsNoTracking()
            .Where(s => s.PortfolioId == request.PortfolioId && s.BusinessDate >= from && s.BusinessDate <= to)
            .OrderBy(s => s.BusinessDate).ToListAsync(cancellationToken);
        return new PortfolioHistory(request.PortfolioId, portfolio.Value.BaseCurrency, from, to, [.. rows.Select(Point)]);
    }

    private static SnapshotPoint Point(PortfolioSnapshotRow s) => new(
        s.BusinessDate, s.AsOf, s.Positions, s.MarketValue, s.ProfitAndLossDay, s.ProfitAndLossSinceInception,
        s.GrossExposure, s.NetExposure, s.LongExposure, s.ShortExposure, s.DollarDelta, s.DollarGamma, s.Vega, s.Theta, s.Rho,
        s.ValueAtRisk99OneDay, s.BetaToMarket, JsonSerializer.Deserialize<Dictionary<string, decimal>>(s.FactorBetas) ?? []);

    /// <summary>Null when absent; an error (control characters included) when not a real yyyy-MM-dd date.</summary>
    private static DateOnly? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ClientText.Problem(text, multiLine: false) is { } problem)
        {
            errors[field] = [problem];
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = ["Must be a date, yyyy-MM-dd."];
            return null;
        }

        return date;
    }
}
