using System.Globalization;
using Portfolio.Application.Reports.Rendering;
using Portfolio.Application.Risk;

namespace Portfolio.Application.Reports.Kinds;

/// <summary>Blocks more than one kind prints: the header, exposure groups, history charts and the calculation list.</summary>
internal static class ReportSections
{
    public static readonly string[] ExposureColumns = ["group", "positions", "marketValue", "long", "short", "net", "gross", "notional"];

    public static List<string> Header(ReportContext context, DateOnly asOf) =>
    [
        $"Portfolio: {context.Portfolio.Name} ({context.Portfolio.Id})",
        $"Base currency: {context.Portfolio.BaseCurrency}; prices as of {asOf:yyyy-MM-dd}",
        $"Period: {context.From:yyyy-MM-dd} to {context.To:yyyy-MM-dd}; generated {context.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
    ];

    public static ReportTable Exposures(string title, IReadOnlyList<ExposureGroup> groups, int? top = null) =>
        new(title, ExposureColumns, [.. groups.Take(top ?? int.MaxValue).Select(g => Row(g.Key, g.Exposure))]);

    public static IReadOnlyList<object?> Row(string key, ExposureFigures e) =>
        [key, e.Positions, e.MarketValue, e.Long, e.Short, e.Net, e.Gross, e.Notional];

    public static ReportChart ExposureChart(string title, IReadOnlyList<ExposureGroup> groups) =>
        new(title, ChartStyle.Bar, "net", [.. groups.Select(g => new ChartPoint(g.Key, (double)g.Exposure.Net))]);

    /// <summary>P&amp;L as the change of market value since the period's first point (history holds no cash flows yet).</summary>
    public static ReportChart ProfitAndLossChart(IReadOnlyList<HistoryPoint> history) =>
        new("P&L history (change of market value since the period's first day)", ChartStyle.Line, "profitAndLoss",
            [.. history.Select(h => new ChartPoint(Day(h.Date), (double)(h.MarketValue - history[0].MarketValue)))]);

    public static ReportChart ValueAtRiskChart(IReadOnlyList<HistoryPoint> history) =>
        new("VaR history (1-day 99% historical)", ChartStyle.Line, "valueAtRisk", [.. history.Select(h => new ChartPoint(Day(h.Date), (double)h.ValueAtRisk))]);

    public static ReportTable Calculations(IReadOnlyList<HistoryPoint> history) =>
        new("Recorded calculations (the last of each day)", ["date", "calculatedAt", "asOf", "marketValue", "grossExposure", "netExposure", "valueAtRisk99OneDay", "dollarDelta"],
            [.. history.Select(h => (IReadOnlyList<object?>)[h.Date, h.CalculatedAt, h.AsOf, h.MarketValue, h.GrossExposure, h.NetExposure, h.ValueAtRisk, h.DollarDelta])]);

    public static ReportTable Unpriced(IReadOnlyList<UnpricedPosition> unpriced) =>
        new("Unpriced positions (left out of every figure)", ["positionId", "symbol", "reason"],
            [.. unpriced.Select(u => (IReadOnlyList<object?>)[u.PositionId.ToString(), u.Symbol, u.Reason])]);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
