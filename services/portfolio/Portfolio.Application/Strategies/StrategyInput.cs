using FluentValidation;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Strategies;

public sealed record StrategyInput(string? Name, StrategyKind? Kind, string? Description);

internal static class StrategyInputRules
{
    public static void AddStrategyRules<T>(this AbstractValidator<T> validator, Func<T, StrategyInput> input)
    {
        validator.RuleFor(r => input(r).Name!).NotEmpty().MaximumLength(PortfolioErrors.NameMaxLength).SingleLineText().OverridePropertyName("name");
        validator.RuleFor(r => input(r).Description).MaximumLength(PortfolioErrors.DescriptionMaxLength)
            .Must(d => d is null || ClientText.Problem(d, multiLine: true) is null)
            .WithMessage((_, d) => ClientText.Problem(d, multiLine: true)).OverridePropertyName("description");
    }
}
