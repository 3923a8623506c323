using System.Text;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Modeling;

namespace Portfolio.Domain.Tests.Modeling;

public sealed class FixEncoderTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 5, 14, 30, 15, 123, TimeSpan.Zero);
    private static readonly FixHeader Header = new("PLATFORM", "BROKER", 7, Time);

    [Test]
    public void Encode_StockLimitBuy_WritesTheFieldsInOrder_WithBodyLengthAndCheckSum()
    {
        var message = FixEncoder.Encode(Header, 7, new FixNewOrderSingle("X-1", "AAPL", null, 100m, 187.25m, Time));

        const string body = "35=D\u000149=PLATFORM\u000156=BROKER\u000134=7\u000152=20261205-14:30:15.123\u000111=X-1\u000121=1\u000155=AAPL\u0001" +
            "54=1\u000138=100\u000140=2\u000144=187.25\u000159=0\u000160=20261205-14:30:15.123\u0001";
        var head = $"8=FIX.4.4\u00019={body.Length}\u0001";
        var sum = Encoding.ASCII.GetBytes(head + body).Sum(b => b) % 256;
        Assert.That(message, Is.EqualTo(head + body + $"10={sum:D3}\u0001"));
    }

    [Test]
    public void Encode_MarketSell_HasNoPrice_AndOrdTypeOne()
    {
        var fields = Fields(FixEncoder.Encode(Header, 1, new FixNewOrderSingle("X-2", "BRK.B", null, -12.5m, null, Time)));

        Assert.That(fields.Select(f => f.Tag), Does.Not.Contain(44));
        Assert.That((Value(fields, 54), Value(fields, 38), Value(fields, 40)), Is.EqualTo(("2", "12.5", "1")));
    }

    [Test]
    public void Encode_Option_NamesRootMaturityRightAndStrike()
    {
        Assert.That(OccSymbol.TryParse("AAPL  270115P00150500", out var option, out _), Is.True);
        var fields = Fields(FixEncoder.Encode(Header, 1, new FixNewOrderSingle("X-3", option!.ToString(), option, 3m, 12m, Time)));

        Assert.That(fields.Select(f => f.Tag).ToArray(),
            Is.EqualTo(new[] { 8, 9, 35, 49, 56, 34, 52, 11, 21, 55, 167, 200, 205, 201, 202, 54, 38, 40, 44, 59, 60, 10 }));
        Assert.That((Value(fields, 55), Value(fields, 167), Value(fields, 200), Value(fields, 205), Value(fields, 201), Value(fields, 202)),
            Is.EqualTo(("AAPL", "OPT", "202701", "15", "0", "150.5")));
    }

    [Test]
    public void Encode_ManyOrders_NumbersThemFromTheFirstSequence()
    {
        var file = FixEncoder.Encode(Header, [new FixNewOrderSingle("A", "MSFT", null, 1m, null, Time), new FixNewOrderSingle("B", "MSFT", null, -1m, null, Time)]);
        var messages = file.Split("\u000110=", StringSplitOptions.None);

        Assert.That(file.Split("8=FIX.4.4").Length - 1, Is.EqualTo(2));
        Assert.That(messages[0], Does.Contain("\u000134=7\u0001"));
        Assert.That(messages[1], Does.Contain("\u000134=8\u0001"));
    }

    [Test]
    public void Encode_RefusesAValueThatWouldBreakTheFraming()
    {
        Assert.Throws<ArgumentException>(() => FixEncoder.Encode(Header, 1, new FixNewOrderSingle("A\u0001B", "MSFT", null, 1m, null, Time)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixEncoder.Encode(Header, 1, new FixNewOrderSingle("A", "MSFT", null, 0m, null, Time)));
    }

    [Test]
    public void Csv_WritesOneRowPerOrder_WithSideAndAbsoluteQuantity()
    {
        Assert.That(OccSymbol.TryParse("SPY   270319C00500000", out var option, out _), Is.True);
        var csv = TradeCsv.Write([new FixNewOrderSingle("A", "MSFT", null, -5m, null, Time), new FixNewOrderSingle("B", option!.ToString(), option, 2m, 3.5m, Time)]);

        Assert.That(csv.Split("\r\n"), Is.EqualTo(new[]
        {
            TradeCsv.HeaderLine,
            "A,MSFT,MSFT,sell,5,market,,equity,,,",
            "B,SPY   270319C00500000,SPY,buy,2,limit,3.5,option,2027-03-19,call,500",
            "",
        }));
    }

    private static List<(int Tag, string Value)> Fields(string message) =>
        [.. message.Split('\u0001', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), p[1]))];

    private static string Value(List<(int Tag, string Value)> fields, int tag) => fields.Single(f => f.Tag == tag).Value;
}
