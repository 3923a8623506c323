namespace Portfolio.Domain.Pricing;

/// <summary>
/// Price and sensitivities per unit of underlying, in the trader's units: vega and rho per one
/// percentage point of volatility and rate, theta per calendar day (negative when time erodes value).
/// </summary>
public readonly record struct OptionGreeks(double Price, double Delta, double Gamma, double Vega, double Theta, double Rho);
