using Portfolio.Domain.Pricing;
using Portfolio.Domain.Risk.Revaluation;
using Portfolio.Domain.Tests.Pricing;

namespace Portfolio.Domain.Tests.Revaluation;

public sealed class FullRevaluationTests
{
    private const int StockA = 0;
    private const int StockB = 1;

    // 15 shares of A (bought in two lots) at 100, 20 of B short at 50, and two contracts of 100 calls
    // on A (K=105, 3 months, r=4%, q=1%, σ=30%) booked at FX 1.1. Expected values computed apart from
    // this code base (Python, math.erfc): 15·100·rA − 20·50·rB + 220·(C(100·(1+rA), 0.25 − h/252) − C(100, 0.25)).
    [TestCase(1, 224.33858863858546, -505.3156211916461, -11.203595825139132)]
    [TestCase(10, 114.75036269394337, -589.8094409503857, -115.56167591425606)]
    public void ProfitAndLoss_TwoStocksAndACallInThreeScenarios_MatchesHandComputedValues(
        int horizonDays, double upScenario, double downScenario, double unchangedScenario)
    {
        var book = new RevaluationBook(underlyingCount: 2);
        book.AddLinear(StockA, 10);
        book.AddLinear(StockA, 5);
        book.AddLinear(StockB, -20);
        book.AddOption(StockA, OptionRight.Call, 105, 0.25, 0.04, 0.01, 0.3, unitsPerContractInBase: 2 * 100 * 1.1);
        ScenarioSet scenarios = Scenarios([100, 50], [[0.02, -0.01], [-0.05, 0.03], [0, 0]]);
        var pnl = new double[3];

        FullRevaluation.ProfitAndLoss(book, scenarios, pnl, horizonDays, new ScalarGreeksKernel());

        Assert.That(pnl, Is.EqualTo(new[] { upScenario, downScenario, unchangedScenario }).Within(1e-9));
    }

    [Test]
    public void ProfitAndLoss_OptionExpiringWithinTheHorizon_PaysItsIntrinsicValue()
    {
        var book = new RevaluationBook(underlyingCount: 1);
        book.AddOption(0, OptionRight.Put, 100, 0.5 / 252, 0.05, 0, 0.2, unitsPerContractInBase: 10);
        ScenarioSet scenarios = Scenarios([98], [[-0.1], [0.1]]);
        double currentValue = BlackScholes.Price(new OptionContract(OptionRight.Put, 98, 100, 0.5 / 252, 0.05, 0, 0.2));
        var pnl = new double[2];

        FullRevaluation.ProfitAndLoss(book, scenarios, pnl, horizonDays: 1);

        Assert.That(pnl, Is.EqualTo(new[] { 10 * (100 - 88.2 - currentValue), -10 * currentValue }).Within(1e-9));
    }

    [TestCaseSource(typeof(Kernels), nameof(Kernels.Vectorised))]
    public void ProfitAndLoss_RandomBookOverManyKernelCalls_AgreesWithScalarEngine(IGreeksKernel kernel)
    {
        Assume.That(kernel.IsSupported, $"{kernel.Name} is not accelerated on this machine");
        (RevaluationBook book, ScenarioSet scenarios) = RandomBook(underlyings: 40, linear: 200, options: 300, scenarioCount: 251, seed: 42);
        var expected = new double[scenarios.ScenarioCount];
        var actual = new double[scenarios.ScenarioCount];
        FullRevaluation.ProfitAndLoss(book, scenarios, expected, horizonDays: 10, new ScalarGreeksKernel());

        FullRevaluation.ProfitAndLoss(book, scenarios, actual, horizonDays: 10, kernel);

        for (int s = 0; s < expected.Length; s++)
        {
            Assert.That(actual[s], Is.EqualTo(expected[s]).Within(1e-8 * Math.Max(1, Math.Abs(expected[s]))), $"scenario {s}");
        }
    }

    [Test]
    public void ProfitAndLoss_ScenariosForOtherUnderlyings_Throws() =>
        Assert.That(
            () => FullRevaluation.ProfitAndLoss(new RevaluationBook(3), Scenarios([1, 2], [[0, 0]]), new double[1]),
            Throws.ArgumentException);

    [Test]
    public void ProfitAndLoss_ResultSpanOfWrongLength_Throws() =>
        Assert.That(
            () => FullRevaluation.ProfitAndLoss(new RevaluationBook(2), Scenarios([1, 2], [[0, 0]]), new double[2]),
            Throws.ArgumentException);

    private static ScenarioSet Scenarios(double[] spots, double[][] returns)
    {
        var scenarios = new ScenarioSet(spots, returns.Length);
        for (int s = 0; s < returns.Length; s++)
        {
            returns[s].CopyTo(scenarios.Returns, s * spots.Length);
        }

        return scenarios;
    }

    private static (RevaluationBook Book, ScenarioSet Scenarios) RandomBook(int underlyings, int linear, int options, int scenarioCount, int seed)
    {
        var random = new Random(seed);
        double[] spots = Enumerable.Range(0, underlyings).Select(_ => 5 + 500 * random.NextDouble()).ToArray();
        var book = new RevaluationBook(underlyings);
        for (int i = 0; i < linear; i++)
        {
            book.AddLinear(random.Next(underlyings), 1000 * (random.NextDouble() - 0.5));
        }

        for (int i = 0; i < options; i++)
        {
            int underlying = random.Next(underlyings);
            book.AddOption(
                underlying,
                random.Next(2) == 0 ? OptionRight.Call : OptionRight.Put,
                spots[underlying] * (0.6 + 0.8 * random.NextDouble()),
                timeToExpiry: 2 * random.NextDouble(),
                rate: 0.05 * random.NextDouble(),
                dividendYield: 0.03 * random.NextDouble(),
                volatility: 0.1 + 0.6 * random.NextDouble(),
                unitsPerContractInBase: 100 * (random.Next(21) - 10));
        }

        var scenarios = new ScenarioSet(spots, scenarioCount);
        for (int i = 0; i < scenarios.Returns.Length; i++)
        {
            scenarios.Returns[i] = 0.04 * (random.NextDouble() + random.NextDouble() - 1);
        }

        return (book, scenarios);
    }
}
