using Portfolio.Application.Reports.Kinds;

namespace Portfolio.Application.Reports;

/// <summary>The report kinds clients may ask for, by the name they use: the one place a new kind is registered.</summary>
public static class ReportKinds
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["portfolioSummary"] = typeof(PortfolioSummaryReport),
        ["riskReport"] = typeof(RiskReportKind),
        ["whatIfComparison"] = typeof(WhatIfComparisonReport),
    };

    /// <summary>The kinds that compare a saved what-if scenario, and so need its id.</summary>
    public static bool NeedsScenario(string? name) => name == "whatIfComparison";

    public static bool IsKnown(string? name) => name is not null && ByName.ContainsKey(name);

    public static string Names => string.Join(", ", ByName.Keys);
}
