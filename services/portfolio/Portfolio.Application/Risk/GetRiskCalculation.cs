using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Risk;

/// <summary>A recorded calculation: its report as calculated, who asked, and the inputs that explain it.</summary>
public sealed record RecordedRisk(RiskReport Report, string CalculatedBy, JsonElement Inputs);

/// <summary>The portfolio's latest calculation (<paramref name="CalculationId"/> null) or one by id.</summary>
public sealed record GetRiskCalculation(Guid PortfolioId, Guid? CalculationId) : IRequest<Result<RecordedRisk>>;

internal sealed class GetRiskCalculationHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetRiskCalculation, Result<RecordedRisk>>
{
    private static readonly Error NotCalculated = Error.NotFound("risk.not_calculated", "No risk calculation is recorded for this portfolio yet; POST …/calculate makes one.");
    private static readonly Error NoSuchCalculation = Error.NotFound("risk.calculation_not_found", "No calculation with this id for this portfolio.");

    public async Task<Result<RecordedRisk>> Handle(GetRiskCalculation request, CancellationToken cancellationToken)
    {
        var portfolio = await db.FindReadableAsync(user, request.PortfolioId, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var query = db.Calculations.AsNoTracking().Where(c => c.PortfolioId == request.PortfolioId);
        var row = request.CalculationId is { } id
            ? await query.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            : await query.OrderByDescending(c => c.CalculatedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return request.CalculationId is null ? NotCalculated : NoSuchCalculation;
        }

        var report = JsonSerializer.Deserialize<RiskReport>(row.Result, RiskCalculator.Json)!;
        return new RecordedRisk(report, row.CalculatedBy, JsonSerializer.Deserialize<JsonElement>(row.Inputs));
    }
}
