using Portfolio.Domain.Risk.Statistics;

namespace Portfolio.Domain.Tests.Statistics;

public sealed class HistoricalVarTests
{
    // Sorted: −12, −8, −5, −3, −2, −1, 0, 1 … 13. Shuffled so that the order of the input cannot matter.
    private static readonly double[] TwentyScenarios = [4, -3, 11, 0, -12, 7, 2, -1, 13, -5, 9, 1, -8, 6, 12, 3, -2, 10, 5, 8];

    [TestCase(0.95, 12, 12, TestName = "95%: k = ⌈20 × 0.05⌉ = 1, the worst loss")]
    [TestCase(0.90, 8, 10, TestName = "90%: k = 2, VaR 8, ES (12 + 8) / 2")]
    [TestCase(0.80, 3, 7, TestName = "80%: k = 4, VaR 3, ES (12 + 8 + 5 + 3) / 4")]
    [TestCase(0.99, 12, 12, TestName = "99%: k = ⌈0.2⌉ = 1")]
    public void FromProfitAndLoss_TakesTheKthWorstLossAndTheMeanBeyondIt(double confidence, double valueAtRisk, double expectedShortfall) =>
        Assert.That(HistoricalVar.FromProfitAndLoss(TwentyScenarios, confidence), Is.EqualTo(new TailRisk(valueAtRisk, expectedShortfall)));

    [Test]
    public void FromProfitAndLoss_WhenTheBookGainsInEveryScenario_IsZero() =>
        Assert.That(HistoricalVar.FromProfitAndLoss([1, 2, 3, 4], 0.5), Is.EqualTo(new TailRisk(0, 0)));

    [Test]
    public void FromProfitAndLoss_WhenOnlyTheWorstScenarioLoses_FloorsVarButKeepsTheShortfall() =>
        Assert.That(HistoricalVar.FromProfitAndLoss([-6, 2, 3, 4], 0.5), Is.EqualTo(new TailRisk(0, 2)));

    [Test]
    public void FromProfitAndLoss_RejectsInputThatWouldGiveNoAnswer()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => HistoricalVar.FromProfitAndLoss([], 0.99));
            Assert.Throws<ArgumentException>(() => HistoricalVar.FromProfitAndLoss([1, double.NaN], 0.99));
            Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalVar.FromProfitAndLoss([1, 2], 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalVar.FromProfitAndLoss([1, 2], double.NaN));
        }
    }

    [Test]
    public void ScaleToHorizon_MultipliesBySquareRootOfDays()
    {
        Assert.That(HistoricalVar.ScaleToHorizon(100, 10), Is.EqualTo(316.22776601683796).Within(1e-9));
        Assert.That(HistoricalVar.ScaleToHorizon(100, 1), Is.EqualTo(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalVar.ScaleToHorizon(100, 0));
    }
}
