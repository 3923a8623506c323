using System.Text.Json;
using FluentValidation;
using MediatR;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

public sealed record ScenarioInput(string? Name);

/// <summary>Saves the session as a named scenario: a copy of its trades and of its impacts computed now; never changed afterwards.</summary>
public sealed record SaveScenario(Guid SessionId, ScenarioInput Input) : IRequest<Result<ScenarioView>>;

internal sealed class SaveScenarioValidator : AbstractValidator<SaveScenario>
{
    public SaveScenarioValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        RuleFor(r => r.Input.Name!).NotEmpty().MaximumLength(ModelingErrors.NameMaxLength).SingleLineText()
            .Must(n => n is null || n.Trim() == n).WithMessage("Must not start or end with spaces.")
            .OverridePropertyName("name").When(r => r.Input is not null);
    }
}

internal sealed class SaveScenarioHandler(PortfolioDb db, ImpactCalculator calculator, ICurrentUser user, TimeProvider clock) : IRequestHandler<SaveScenario, Result<ScenarioView>>
{
    public async Task<Result<ScenarioView>> Handle(SaveScenario request, CancellationToken cancellationToken)
    {
        var market = await calculator.LoadAsync(user, request.SessionId, null, cancellationToken);
        if (!market.IsSuccess)
        {
            return market.Error!;
        }

        var session = market.Value.Session;
        var now = clock.GetUtcNow();
        var row = new ModelingScenarioRow
        {
            Id = Guid.CreateVersion7(now), OwnerId = session.OwnerId, PortfolioId = session.PortfolioId, SessionId = session.Id,
            Name = request.Input.Name!, TradeCount = session.Trades.Count, Trades = TradeJson.Write(session.Trades),
            Impacts = JsonSerializer.Serialize(calculator.Report(market.Value), RiskCalculator.Json), CreatedAt = now,
        };
        db.Set<ModelingScenarioRow>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return ScenarioView.Of(row, withImpacts: true);
    }
}
