using FluentValidation;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.Positions;

/// <summary>
/// A position as a client sends it. <c>symbol</c> is a ticker or an OCC option symbol; the type (long,
/// short, long call ...) follows from the quantity's sign and the option's side. <c>multiplier</c>
/// defaults to 100 for options and 1 otherwise; <c>currency</c> to the instrument's, else the portfolio's.
/// </summary>
public sealed record PositionInput(
    string? Symbol,
    decimal? Quantity,
    decimal? EntryPrice,
    DateOnly? EntryDate,
    string? Currency,
    decimal? Multiplier,
    IReadOnlyList<string>? Tags,
    Guid? StrategyId,
    string? Notes);

public interface IPositionInputRequest
{
    PositionInput Input { get; }
}

/// <summary>The rules of <see cref="PositionInput"/>, under the body's field names; the same bounds as the CSV upload.</summary>
internal abstract class PositionInputValidator<T> : AbstractValidator<T>
    where T : IPositionInputRequest
{
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    protected PositionInputValidator(TimeProvider clock)
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Symbol).Must(s => PositionSymbol.TryParse(s, out _, out _))
                .WithMessage((_, s) => PositionSymbol.TryParse(s, out PositionSymbol? _, out var error) ? "" : error).OverridePropertyName("symbol");
            RuleFor(r => r.Input.Quantity).NotNull().NotEqual(0).Must(q => q is null || (Math.Abs(q.Value) <= MaxMagnitude && q.Value.Scale <= 6))
                .WithMessage("Must be non-zero, at most 1e12 in size, with at most 6 decimals (negative is short).").OverridePropertyName("quantity");
            RuleFor(r => r.Input.EntryPrice).NotNull().Must(p => p is null || (p.Value >= 0 && p.Value <= MaxMagnitude && p.Value.Scale <= 6))
                .WithMessage("Must be between 0 and 1e12 with at most 6 decimals.").OverridePropertyName("entryPrice");
            RuleFor(r => r.Input.EntryDate).NotNull()
                .Must(d => d is null || (d.Value.Year >= 1900 && d.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)))
                .WithMessage("Must be a date from 1900 up to today.").OverridePropertyName("entryDate");
            RuleFor(r => r.Input.Currency).Must(c => c is null || Currencies.IsCode(c))
                .WithMessage("Must be an ISO 4217 code such as USD.").OverridePropertyName("currency");
            RuleFor(r => r.Input.Multiplier).Must(m => m is null || (m.Value > 0 && m.Value <= 1_000_000 && m.Value.Scale <= 6))
                .WithMessage("Must be positive, at most 1,000,000.").OverridePropertyName("multiplier");
            RuleFor(r => r.Input.Tags).Must(t => t is null || t.Count <= PortfolioErrors.TagsPerPosition)
                .WithMessage($"At most {PortfolioErrors.TagsPerPosition} tags.").OverridePropertyName("tags");
            RuleForEach(r => r.Input.Tags).NotEmpty().MaximumLength(PortfolioErrors.TagMaxLength).SingleLineText().OverridePropertyName("tags");
            RuleFor(r => r.Input.Notes).MaximumLength(PortfolioErrors.NotesMaxLength)
                .Must(n => n is null || ClientText.Problem(n, multiLine: true) is null)
                .WithMessage((_, n) => ClientText.Problem(n, multiLine: true)).OverridePropertyName("notes");
            RuleFor(r => r.Input).Must(i => !PositionSymbol.TryParse(i.Symbol, out var s, out _) || s.Option is null || i.EntryDate is null || s.Option.Expiry >= i.EntryDate)
                .WithMessage("An option cannot be entered after it expired.").OverridePropertyName("entryDate");
        });
    }
}
