using MathNet.Numerics.LinearAlgebra;

namespace Portfolio.Domain.Risk.Statistics;

/// <summary>Explains a return series by factor returns (market, size, rates…) with ordinary least squares.</summary>
public static class FactorRegression
{
    // A diagonal entry of R this small next to the largest means one column is (nearly) a combination of the others.
    private const double RankTolerance = 1e-10;

    // Averaging identical returns can miss them by a rounding error, leaving a total sum of squares of pure noise.
    private const double ConstantReturnsTolerance = 1e-20;

    /// <summary>
    /// Fits returns = α + Σ βᵢ·factorᵢ + ε by least squares through a QR decomposition, which stays accurate
    /// where the normal equations would square the design's condition number. R² is 1 − SS_res/SS_tot; when
    /// the returns are constant there is nothing to explain and R² is 1.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Series of different lengths, a value that is not finite, no more observations than factors + 1 (the
    /// fit would be exact and say nothing), or a singular design: a constant factor, or factors that are
    /// linear combinations of one another.
    /// </exception>
    public static FactorFit Fit(ReadOnlySpan<double> returns, IReadOnlyList<double[]> factorReturns)
    {
        ArgumentNullException.ThrowIfNull(factorReturns);
        StatisticsArguments.RequireFinite(returns, nameof(returns));
        var observations = returns.Length;
        var parameters = factorReturns.Count + 1;
        foreach (var factor in factorReturns)
        {
            if (factor.Length != observations)
            {
                throw new ArgumentException("Every factor series must have as many observations as the returns.", nameof(factorReturns));
            }

            StatisticsArguments.RequireFinite(factor, nameof(factorReturns));
        }

        if (observations <= parameters)
        {
            throw new ArgumentException(
                $"{factorReturns.Count} factors and an intercept need more than {parameters} observations; got {observations}.", nameof(returns));
        }

        var design = Matrix<double>.Build.Dense(observations, parameters,
            (row, column) => column == 0 ? 1 : factorReturns[column - 1][row]);
        var qr = design.QR();
        var diagonal = qr.R.Diagonal().PointwiseAbs();
        if (diagonal.Minimum() <= RankTolerance * diagonal.Maximum())
        {
            throw new ArgumentException(
                "The factors are collinear (one is constant or a combination of the others), so their betas are not determined.", nameof(factorReturns));
        }

        var y = Vector<double>.Build.Dense(returns.ToArray());
        var coefficients = qr.Solve(y);
        var residuals = y - (design * coefficients);
        var residualSum = residuals.DotProduct(residuals);
        var deviations = y.Subtract(y.Average());
        var totalSum = deviations.DotProduct(deviations);
        var rSquared = totalSum <= ConstantReturnsTolerance * y.DotProduct(y) ? 1 : Math.Clamp(1 - (residualSum / totalSum), 0, 1);
        return new FactorFit(coefficients[0], coefficients.SubVector(1, parameters - 1).ToArray(), rSquared, observations);
    }
}
