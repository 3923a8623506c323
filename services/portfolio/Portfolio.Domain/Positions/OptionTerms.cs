using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Positions;

/// <summary>What makes a position an option: the contract's right, expiry and strike on its underlying.</summary>
public sealed record OptionTerms(OptionRight Right, DateOnly Expiry, decimal Strike);
