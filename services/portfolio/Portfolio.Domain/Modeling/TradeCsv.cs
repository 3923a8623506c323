using System.Globalization;
using System.Text;
using Portfolio.Domain.Instruments;

namespace Portfolio.Domain.Modeling;

/// <summary>
/// Orders as CSV (RFC 4180, CRLF): one row per trade, side and absolute quantity, the order type, the limit
/// price when there is one, and an option's terms. Symbols are validated tickers or OCC symbols, so no
/// field needs quoting; a leading '=', '+', '-' or '@' never occurs, so spreadsheets read no formula.
/// </summary>
public static class TradeCsv
{
    public const string HeaderLine = "clOrdId,symbol,underlying,side,quantity,orderType,limitPrice,securityType,expiry,right,strike";

    public static string Write(IReadOnlyList<FixNewOrderSingle> orders)
    {
        var csv = new StringBuilder(HeaderLine).Append("\r\n");
        foreach (var order in orders)
        {
            var option = order.Option;
            csv.AppendJoin(',',
                order.ClOrdId,
                order.Symbol,
                option?.Root ?? order.Symbol,
                order.Quantity > 0 ? "buy" : "sell",
                Number(Math.Abs(order.Quantity)),
                order.LimitPrice is null ? "market" : "limit",
                order.LimitPrice is { } price ? Number(price) : "",
                option is null ? "equity" : "option",
                option?.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                option is null ? "" : option.Right.ToString().ToLowerInvariant(),
                option is null ? "" : Number(option.Strike)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
