using System.Globalization;
using System.Text;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Pricing;

namespace Portfolio.Domain.Modeling;

/// <summary>
/// One order as a FIX 4.4 NewOrderSingle (35=D): a buy (54=1) or sell (54=2) of <see cref="Quantity"/>
/// shares or contracts, a limit order (40=2, 44=price) when <see cref="LimitPrice"/> is set, else a market
/// order (40=1), good for the day (59=0). An option is 55=root with 167=OPT, 200 (YYYYMM), 205 (day),
/// 201 (0 put, 1 call) and 202 (strike).
/// </summary>
public sealed record FixNewOrderSingle(string ClOrdId, string Symbol, OccSymbol? Option, decimal Quantity, decimal? LimitPrice, DateTimeOffset TransactTime);

/// <summary>The session fields of a file of orders: who sends, to whom, the first sequence number and the sending time.</summary>
public sealed record FixHeader(string SenderCompId, string TargetCompId, int FirstSequence, DateTimeOffset SendingTime);

/// <summary>
/// Writes FIX 4.4 messages, SOH-delimited, with BodyLength (9: the bytes after it up to the SOH before
/// 10=) and CheckSum (10: the sum of every byte before it, modulo 256, three digits).
/// </summary>
public static class FixEncoder
{
    public const char Soh = '\u0001';
    public const string BeginString = "FIX.4.4";

    public static string Encode(FixHeader header, IReadOnlyList<FixNewOrderSingle> orders)
    {
        var file = new StringBuilder();
        for (var i = 0; i < orders.Count; i++)
        {
            file.Append(Encode(header, header.FirstSequence + i, orders[i]));
        }

        return file.ToString();
    }

    public static string Encode(FixHeader header, int sequence, FixNewOrderSingle order)
    {
        ArgumentOutOfRangeException.ThrowIfZero(order.Quantity);
        var body = new StringBuilder();
        Field(body, 35, "D");
        Field(body, 49, header.SenderCompId);
        Field(body, 56, header.TargetCompId);
        Field(body, 34, sequence.ToString(CultureInfo.InvariantCulture));
        Field(body, 52, Timestamp(header.SendingTime));
        Field(body, 11, order.ClOrdId);
        Field(body, 21, "1");
        if (order.Option is { } option)
        {
            Field(body, 55, option.Root);
            Field(body, 167, "OPT");
            Field(body, 200, option.Expiry.ToString("yyyyMM", CultureInfo.InvariantCulture));
            Field(body, 205, option.Expiry.Day.ToString(CultureInfo.InvariantCulture));
            Field(body, 201, option.Right == OptionRight.Call ? "1" : "0");
            Field(body, 202, Number(option.Strike));
        }
        else
        {
            Field(body, 55, order.Symbol);
        }

        Field(body, 54, order.Quantity > 0 ? "1" : "2");
        Field(body, 38, Number(Math.Abs(order.Quantity)));
        Field(body, 40, order.LimitPrice is null ? "1" : "2");
        if (order.LimitPrice is { } price)
        {
            Field(body, 44, Number(price));
        }

        Field(body, 59, "0");
        Field(body, 60, Timestamp(order.TransactTime));

        var message = new StringBuilder();
        Field(message, 8, BeginString);
        Field(message, 9, Encoding.ASCII.GetByteCount(body.ToString()).ToString(CultureInfo.InvariantCulture));
        message.Append(body);
        Field(message, 10, CheckSum(message.ToString()).ToString("D3", CultureInfo.InvariantCulture));
        return message.ToString();
    }

    /// <summary>The sum of the bytes modulo 256.</summary>
    public static int CheckSum(string text)
    {
        var sum = 0;
        foreach (var b in Encoding.ASCII.GetBytes(text))
        {
            sum += b;
        }

        return sum % 256;
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd-HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static void Field(StringBuilder message, int tag, string value)
    {
        if (value.Any(c => c == Soh || c < ' ' || c > '~' || c == '='))
        {
            throw new ArgumentException($"FIX field {tag} cannot carry '{value}'.", nameof(value));
        }

        message.Append(tag.ToString(CultureInfo.InvariantCulture)).Append('=').Append(value).Append(Soh);
    }
}
