namespace DealsSeeder;

/// <summary>A listing venue: where a company trades, in which currency, and how often it appears.</summary>
internal sealed record Market(string Country, string Region, string Currency, string[] Exchanges, double Weight, decimal PerUsd, bool NumericTickers = false);

/// <summary>A GICS-style sector with its industries and the words its company names end with.</summary>
internal sealed record Sector(string Name, string[] Industries, string[] NameEndings);

/// <summary>One listed company of the seeded universe; deals pick their parties from these.</summary>
internal sealed record Company(string Name, string Ticker, string Exchange, Market Market, Sector Sector, string Industry, decimal UsdPrice)
{
    /// <summary>The share price in <paramref name="currency"/>, before the deal's own drift.</summary>
    public decimal PriceIn(Market currency) => UsdPrice * currency.PerUsd;
}

/// <summary>The fixed word lists the generator draws from.</summary>
internal static class Catalog
{
    // Weights sum to 100: USD 50 %, EUR 14 %, GBP 10 %, JPY 10 %, the rest spread over six currencies.
    public static readonly Market[] Markets =
    [
        new("US", "North America", "USD", ["NYSE", "NASDAQ"], 50, 1m),
        new("CA", "North America", "CAD", ["XTSE"], 4, 1.36m),
        new("GB", "Europe", "GBP", ["XLON"], 10, 0.79m),
        new("DE", "Europe", "EUR", ["XETR"], 6, 0.92m),
        new("FR", "Europe", "EUR", ["XPAR"], 5, 0.92m),
        new("NL", "Europe", "EUR", ["XAMS"], 3, 0.92m),
        new("CH", "Europe", "CHF", ["XSWX"], 2, 0.88m),
        new("JP", "Asia Pacific", "JPY", ["XTKS"], 10, 150m, NumericTickers: true),
        new("HK", "Asia Pacific", "HKD", ["XHKG"], 3, 7.8m, NumericTickers: true),
        new("AU", "Asia Pacific", "AUD", ["XASX"], 3, 1.52m),
        new("BR", "Latin America", "BRL", ["BVMF"], 2, 5.4m),
        new("ZA", "Middle East & Africa", "ZAR", ["XJSE"], 2, 18m),
    ];

    public static readonly Sector[] Sectors =
    [
        new("Information Technology", ["Software", "Semiconductors", "IT Services"], ["Technologies", "Software", "Systems", "Semiconductor", "Networks"]),
        new("Health Care", ["Pharmaceuticals", "Biotechnology", "Health Care Equipment"], ["Therapeutics", "Pharmaceuticals", "Biosciences", "Medical", "Health"]),
        new("Financials", ["Banks", "Insurance", "Capital Markets"], ["Bancorp", "Financial", "Capital", "Insurance", "Holdings"]),
        new("Energy", ["Oil & Gas Exploration", "Oilfield Services", "Midstream"], ["Energy", "Resources", "Petroleum", "Pipeline Partners"]),
        new("Industrials", ["Aerospace & Defense", "Machinery", "Transportation"], ["Industries", "Aerospace", "Logistics", "Manufacturing", "Holdings"]),
        new("Consumer Discretionary", ["Retail", "Automobiles", "Hotels & Leisure"], ["Brands", "Retail", "Motors", "Resorts", "Group"]),
        new("Consumer Staples", ["Food Products", "Beverages", "Household Products"], ["Foods", "Beverages", "Consumer Products", "Group"]),
        new("Materials", ["Chemicals", "Metals & Mining", "Packaging"], ["Chemicals", "Mining", "Materials", "Packaging"]),
        new("Utilities", ["Electric Utilities", "Gas Utilities", "Renewable Power"], ["Power", "Utilities", "Electric", "Renewables"]),
        new("Real Estate", ["REITs", "Real Estate Services"], ["Realty", "Properties", "Real Estate Trust"]),
        new("Communication Services", ["Telecom", "Media", "Interactive Media"], ["Communications", "Media", "Telecom", "Entertainment"]),
    ];

    public static readonly string[] NameRoots =
    [
        "Northwind", "Apex", "Blue Ridge", "Meridian", "Summit", "Harbor", "Atlas", "Vertex", "Crescent", "Pioneer",
        "Redwood", "Silverline", "Ironclad", "Evergreen", "Brightwater", "Keystone", "Orion", "Falcon", "Granite", "Liberty",
        "Nova", "Pacific Crest", "Sterling", "Titan", "Unity", "Vanguard", "Westbrook", "Zenith", "Cobalt", "Aurora",
        "Beacon", "Cedar", "Delta", "Ember", "Frontier", "Golden Gate", "Horizon", "Insight", "Juniper", "Kestrel",
        "Lumen", "Mosaic", "Noble", "Oakmont", "Pinnacle", "Quantum", "Riverstone", "Sapphire", "Trident", "Upland",
        "Vista", "Willow", "Halcyon", "Yellowstone", "Zephyr", "Alder", "Bison", "Copperhead", "Drake", "Echo",
    ];

    public static readonly string[] Regulators = ["HSR", "EC", "CMA", "SAMR", "CFIUS", "FCC", "FERC", "FDIC", "OCC", "Competition Bureau", "JFTC", "ACCC", "Shareholder vote"];

    public static readonly string[] Advisors =
    [
        "Goldman Sachs", "Morgan Stanley", "J.P. Morgan", "Lazard", "Evercore", "Centerview Partners", "Rothschild & Co", "Citi",
        "BofA Securities", "Barclays", "UBS", "Deutsche Bank", "Nomura", "PJT Partners", "Moelis & Company", "Perella Weinberg",
        "Skadden", "Wachtell Lipton", "Sullivan & Cromwell", "Freshfields", "Latham & Watkins", "Kirkland & Ellis",
    ];

    public static readonly string[] Financing =
    [
        "Cash on hand", "Committed bridge facility", "Term loan B and senior secured notes", "New senior unsecured notes",
        "Revolving credit facility and cash on hand", "Equity commitment from sponsor", "Investment-grade bond issue", "Asset sale proceeds",
    ];

    public static readonly string[] Tags =
    [
        "merger-arb", "regulatory-risk", "watchlist", "activist", "private-equity", "high-conviction", "special-situation",
        "antitrust", "financing-risk", "q-review", "event-driven", "index-inclusion",
    ];

    public static readonly string[] NoteSentences =
    [
        "Spread widened after the second request was issued.",
        "Management reiterated the expected closing timeline on the last earnings call.",
        "Shareholder vote scheduled; proxy advisors have not published a recommendation yet.",
        "Financing is fully committed; no market-out clause.",
        "Remedies likely in two overlapping markets; divestiture buyers already identified.",
        "Arbitrage community positioning looks crowded.",
        "Target board ran a go-shop period without a competing bid.",
        "Watch the regulator's phase 2 deadline.",
        "Interloper risk is low given the premium paid.",
        "Collar on the stock component limits downside for target holders.",
        "Pricing came at the low end of the marketed range.",
        "Order book was several times covered.",
    ];

    public static readonly string[] RejectionComments =
    [
        "Prices are stale: refresh them before resubmitting.",
        "Regulatory approvals list is incomplete.",
        "Deal value does not match the filing; please re-check.",
        "Exchange ratio disagrees with the merger agreement.",
        "Source document missing.",
    ];

    public static readonly string[] ApprovalComments = ["Checked against the filing.", "Looks good.", "Approved; keep an eye on the regulatory timeline."];
}
