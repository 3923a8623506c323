using FluentValidation;
using Platform.ServiceDefaults.Application;
using Portfolio.Application.Positions;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A hypothetical trade as a client sends it: <c>symbol</c> a ticker or OCC option symbol; either a signed
/// <c>quantity</c> (negative sells) or <c>side</c> (<c>buy</c>/<c>sell</c>) with a positive one; <c>price</c>
/// optional (without it the trade is valued at the latest close and exported as a market order).
/// </summary>
public sealed record TradeInput(string? Symbol, decimal? Quantity, string? Side, decimal? Price)
{
    public const string Buy = "buy";
    public const string Sell = "sell";

    public decimal SignedQuantity => Side == Sell ? -Quantity!.Value : Quantity!.Value;
}

public interface ITradeInputRequest
{
    TradeInput Input { get; }
}

/// <summary>The rules of <see cref="TradeInput"/>, under the body's field names; the same bounds as a position's.</summary>
internal abstract class TradeInputValidator<T> : AbstractValidator<T>
    where T : ITradeInputRequest
{
    protected TradeInputValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Symbol!).NotEmpty().SingleLineText().OverridePropertyName("symbol");
            RuleFor(r => r.Input.Symbol).Must(s => PositionSymbol.TryParse(s, out _, out _))
                .WithMessage((_, s) => PositionSymbol.TryParse(s, out PositionSymbol? _, out var error) ? "" : error).OverridePropertyName("symbol");
            RuleFor(r => r.Input.Side).Must(s => s is null or TradeInput.Buy or TradeInput.Sell)
                .WithMessage("Must be 'buy' or 'sell'.").OverridePropertyName("side");
            RuleFor(r => r.Input.Quantity).NotNull().NotEqual(0)
                .Must(q => q is null || (Math.Abs(q.Value) <= PositionInputValidator<CreatePosition>.MaxMagnitude && q.Value.Scale <= 6))
                .WithMessage("Must be non-zero, at most 1e12 in size, with at most 6 decimals.").OverridePropertyName("quantity");
            RuleFor(r => r.Input.Quantity).Must(q => q is null || q > 0).When(r => r.Input.Side is not null)
                .WithMessage("With a side, the quantity is positive.").OverridePropertyName("quantity");
            RuleFor(r => r.Input.Price).Must(p => p is null || (p.Value > 0 && p.Value <= PositionInputValidator<CreatePosition>.MaxMagnitude && p.Value.Scale <= 6))
                .WithMessage("Must be positive, at most 1e12, with at most 6 decimals; leave it out to use the latest close.").OverridePropertyName("price");
        });
    }
}
