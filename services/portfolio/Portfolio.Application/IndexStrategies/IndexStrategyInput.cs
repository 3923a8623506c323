using System.Text.RegularExpressions;
using FluentValidation;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Domain.IndexStrategies;

namespace Portfolio.Application.IndexStrategies;

/// <summary>
/// An index definition as a client sends it on create and on update (the whole of it). Left out:
/// <c>volatilityWindow</c> 63 trading days, <c>weightCap</c> 1 (no cap), <c>maxTurnover</c> 1 (no limit).
/// </summary>
public sealed record IndexStrategyInput(
    string? Name,
    string? Description,
    IReadOnlyList<string>? Symbols,
    IndexWeighting? Weighting,
    int? VolatilityWindow,
    decimal? WeightCap,
    decimal? MaxTurnover)
{
    /// <summary>Upper case, in the order sent.</summary>
    public IReadOnlyList<string> Basket => [.. (Symbols ?? []).Select(s => s.Trim().ToUpperInvariant())];

    public int Window => VolatilityWindow ?? IndexRules.DefaultVolatilityWindow;

    public decimal Cap => WeightCap ?? 1m;

    public decimal Turnover => MaxTurnover ?? 1m;
}

/// <summary>A use case that takes a whole <see cref="IndexStrategyInput"/>.</summary>
public interface IIndexStrategyInputRequest
{
    IndexStrategyInput Input { get; }
}

/// <summary>The rules of <see cref="IndexStrategyInput"/>, reported under the body's own field names.</summary>
internal abstract partial class IndexStrategyInputValidator<T> : AbstractValidator<T>
    where T : IIndexStrategyInputRequest
{
    protected IndexStrategyInputValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Name!).NotEmpty().MaximumLength(IndexStrategyErrors.NameMaxLength).SingleLineText()
                .Must(name => name is null || name.Trim() == name).WithMessage("Must not start or end with spaces.")
                .OverridePropertyName("name");
            RuleFor(r => r.Input.Description).MaximumLength(IndexStrategyErrors.DescriptionMaxLength)
                .Must(d => d is null || ClientText.Problem(d, multiLine: true) is null)
                .WithMessage((_, d) => ClientText.Problem(d, multiLine: true)).OverridePropertyName("description");
            RuleFor(r => r.Input.Symbols).NotNull()
                .Must(s => s is null || s.Count is >= IndexStrategyErrors.MinSymbols and <= IndexStrategyErrors.MaxSymbols)
                .WithMessage($"Must list between {IndexStrategyErrors.MinSymbols} and {IndexStrategyErrors.MaxSymbols} symbols.")
                .Must(s => s is null || s.Select(x => x?.Trim().ToUpperInvariant()).Distinct().Count() == s.Count)
                .WithMessage("Must not list a symbol twice.")
                .OverridePropertyName("symbols");
            RuleForEach(r => r.Input.Symbols).Must(s => s is not null && Ticker().IsMatch(s))
                .WithMessage((_, s) => s is not null && ClientText.Problem(s, multiLine: false) is { } problem
                    ? problem
                    : "Must be a ticker: 1–12 letters, digits, '.' or '-'.")
                .OverridePropertyName("symbols");
            RuleFor(r => r.Input.Weighting).NotNull().WithMessage("Must be equalWeight, inverseVolatility or cappedMarketValue.").OverridePropertyName("weighting");
            RuleFor(r => r.Input.VolatilityWindow).InclusiveBetween(IndexRules.MinVolatilityWindow, IndexRules.MaxVolatilityWindow)
                .OverridePropertyName("volatilityWindow");
            RuleFor(r => r.Input.WeightCap).GreaterThan(0).LessThanOrEqualTo(1).WithMessage("Must be a fraction above 0 and at most 1 (0.1 = 10%).")
                .Must((r, cap) => cap is null || r.Input.Symbols is not { Count: > 0 } symbols || cap * symbols.Count >= 1)
                .WithMessage("Must be at least 1 / the number of symbols, or the weights could not add up to 100%.")
                .OverridePropertyName("weightCap");
            RuleFor(r => r.Input.MaxTurnover).GreaterThan(0).LessThanOrEqualTo(1).WithMessage("Must be a fraction above 0 and at most 1 (0.2 = 20% one-way).")
                .OverridePropertyName("maxTurnover");
        });
    }

    [GeneratedRegex(@"^\s*[A-Za-z0-9][A-Za-z0-9.\-]{0,11}\s*$")]
    private static partial Regex Ticker();
}
