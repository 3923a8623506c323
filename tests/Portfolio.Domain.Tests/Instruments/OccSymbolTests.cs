using Portfolio.Domain.Instruments;
using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Tests.Instruments;

public sealed class OccSymbolTests
{
    [TestCase("AAPL  260116C00150000")]
    [TestCase("AAPL260116C00150000")]
    [TestCase("O:AAPL260116C00150000")]
    [TestCase("  o:aapl  260116c00150000 \t")]
    public void TryParse_AcceptsPaddedCompactAndPrefixedForms(string text)
    {
        Assert.That(OccSymbol.TryParse(text, out var symbol, out var error), Is.True, error);
        Assert.That(symbol, Is.EqualTo(new OccSymbol("AAPL", new DateOnly(2026, 1, 16), OptionRight.Call, 150m)));
        Assert.That(symbol!.ToString(), Is.EqualTo("AAPL  260116C00150000"));
    }

    [Test]
    public void TryParse_ReadsFractionalStrikeAndPut()
    {
        Assert.That(OccSymbol.TryParse("SPY   270319P00012500", out var symbol, out _), Is.True);
        Assert.That(symbol, Is.EqualTo(new OccSymbol("SPY", new DateOnly(2027, 3, 19), OptionRight.Put, 12.5m)));
        Assert.That(symbol!.ToString(), Is.EqualTo("SPY   270319P00012500"));
    }

    [TestCase("BRKB1 260116C00450000", "BRKB1")]
    [TestCase("ABCDEF260116C00001000", "ABCDEF")]
    [TestCase("X260116C00001000", "X")]
    public void TryParse_AcceptsRootsWithDigitsAndFullWidth(string text, string root)
    {
        Assert.That(OccSymbol.TryParse(text, out var symbol, out var error), Is.True, error);
        Assert.That(symbol!.Root, Is.EqualTo(root));
        Assert.That(symbol.ToString(), Has.Length.EqualTo(21));
    }

    [TestCase(null, "characters")]
    [TestCase("", "characters")]
    [TestCase("260116C00150000", "characters")]
    [TestCase("ABCDEFG260116C00150000", "characters")]
    [TestCase("AAPL 260116C00150000", "padded")]
    [TestCase("BRK.B 260116C00150000", "letters")]
    [TestCase("ÄAPL  260116C00150000", "letters")]
    [TestCase("AA\0PL 260116C00150000", "letters")]
    [TestCase("AAPL  260230C00150000", "expiry")]
    [TestCase("AAPL  261301C00150000", "expiry")]
    [TestCase("AAPL  2601x6C00150000", "expiry")]
    [TestCase("AAPL  260116X00150000", "C (call) or P (put)")]
    [TestCase("AAPL  260116C0015000٣", "strike")]
    [TestCase("AAPL  260116C-0150000", "strike")]
    [TestCase("AAPL  260116C00000000", "greater than zero")]
    public void TryParse_RejectsMalformedSymbolsWithAShortReason(string? text, string reason)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(OccSymbol.TryParse(text, out var symbol, out var error), Is.False);
            Assert.That(symbol, Is.Null);
            Assert.That(error, Does.Contain(reason));
        }
    }

    [Test]
    public void TryParse_AcceptsLeapDay() =>
        Assert.That(OccSymbol.TryParse("AAPL  280229C00150000", out _, out _), Is.True);
}
