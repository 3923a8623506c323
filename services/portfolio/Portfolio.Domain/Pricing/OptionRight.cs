namespace Portfolio.Domain.Pricing;

/// <summary>The holder's right: to buy (call) or to sell (put) the underlying at the strike.</summary>
public enum OptionRight
{
    Call,
    Put,
}
