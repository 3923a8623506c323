namespace Portfolio.Domain.Risk.Statistics;

/// <summary>An OLS fit of returns on factor returns: intercept, one beta per factor (in the factors' order), and R².</summary>
public sealed record FactorFit(double Alpha, IReadOnlyList<double> Betas, double RSquared, int Observations);
