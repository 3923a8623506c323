using FluentValidation;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Portfolios;

public sealed record LimitsInput(decimal? GrossExposure, decimal? NetExposure, decimal? ValueAtRisk, decimal? ConcentrationPercent, decimal? DollarDelta);

/// <summary>A portfolio as a client sends it on create and on update (the whole of it: limits left out are removed).</summary>
public sealed record PortfolioInput(string? Name, string? BaseCurrency, string? Description, LimitsInput? Limits)
{
    public RiskLimits ToLimits() => Limits is { } l
        ? new RiskLimits(l.GrossExposure, l.NetExposure, l.ValueAtRisk, l.ConcentrationPercent, l.DollarDelta)
        : RiskLimits.None;

    public string Currency => BaseCurrency ?? Currencies.Default;
}

/// <summary>A use case that takes a whole <see cref="PortfolioInput"/>.</summary>
public interface IPortfolioInputRequest
{
    PortfolioInput Input { get; }
}

/// <summary>The rules of <see cref="PortfolioInput"/>, reported under the body's own field names.</summary>
internal abstract class PortfolioInputValidator<T> : AbstractValidator<T>
    where T : IPortfolioInputRequest
{
    /// <summary>Limits fit numeric(24,6) with room: a quintillion is beyond any book this platform holds.</summary>
    private const decimal MaxAmount = 1_000_000_000_000_000m;

    protected PortfolioInputValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Name!).NotEmpty().MaximumLength(PortfolioErrors.NameMaxLength).SingleLineText()
                .Must(name => name is null || name.Trim() == name).WithMessage("Must not start or end with spaces.")
                .OverridePropertyName("name");
            RuleFor(r => r.Input.BaseCurrency).Must(c => c is null || Currencies.IsCode(c))
                .WithMessage("Must be an ISO 4217 code such as USD.").OverridePropertyName("baseCurrency");
            RuleFor(r => r.Input.Description).MaximumLength(PortfolioErrors.DescriptionMaxLength)
                .Must(d => d is null || ClientText.Problem(d, multiLine: true) is null)
                .WithMessage((_, d) => ClientText.Problem(d, multiLine: true)).OverridePropertyName("description");
            When(r => r.Input.Limits is not null, () =>
            {
                Amount(r => r.Input.Limits!.GrossExposure, "limits.grossExposure");
                Amount(r => r.Input.Limits!.NetExposure, "limits.netExposure");
                Amount(r => r.Input.Limits!.ValueAtRisk, "limits.valueAtRisk");
                Amount(r => r.Input.Limits!.DollarDelta, "limits.dollarDelta");
                RuleFor(r => r.Input.Limits!.ConcentrationPercent).InclusiveBetween(0, 100)
                    .WithMessage("Must be a percentage between 0 and 100.").OverridePropertyName("limits.concentrationPercent");
            });
        });
    }

    // Exposure and delta limits bound absolute values, so a limit is never negative.
    private void Amount(System.Linq.Expressions.Expression<Func<T, decimal?>> limit, string name) =>
        RuleFor(limit).InclusiveBetween(0, MaxAmount).WithMessage("Must be between 0 and 1e18 in the base currency.").OverridePropertyName(name);
}
