using MarketData.Domain;

namespace MarketData.Infrastructure.Providers.Simulated;

/// <summary>
/// How one simulated instrument behaves. <see cref="MarketLoading"/> and <see cref="FactorLoading"/>
/// are correlations with the market's and with <see cref="Factor"/>'s daily shocks (the rest is the
/// instrument's own), so stocks of a sector move together and every stock moves with the market.
/// <see cref="MeanReversion"/> (per year) pulls the price back towards its start: currencies and long
/// bonds wander, they do not trend away for ever as a stock may.
/// </summary>
public sealed record SimulatedProfile(
    AssetReference Reference,
    double StartPrice,
    double AnnualVolatility,
    double AnnualDrift,
    double MarketLoading,
    string Factor,
    double FactorLoading,
    long AverageVolume,
    double MeanReversion = 0.0);

/// <summary>
/// The simulated provider's universe: 58 US large caps across every GICS sector, the broad, style
/// and factor ETFs the risk service uses as proxies (SPY, IWM, IVE, IVW, MTUM, QUAL, USMV, TLT …),
/// two indices and the seven major FX pairs. Parameters are rough but realistic (volatility, beta,
/// price level in 2015), which is all risk tests need: the same numbers on every machine.
/// </summary>
public static class SimulatedUniverse
{
    public static readonly IReadOnlyList<SimulatedProfile> Profiles = Build();

    private static readonly Dictionary<string, SimulatedProfile> BySymbol = Profiles.ToDictionary(p => p.Reference.Symbol, StringComparer.Ordinal);

    public static SimulatedProfile? Find(string symbol) => BySymbol.GetValueOrDefault(symbol);

    /// <summary>The FX pairs, as (base, quote) currencies: rates of every other pair are crossed through USD.</summary>
    public static IEnumerable<SimulatedProfile> FxPairs => Profiles.Where(p => p.Reference.Type == AssetType.FxPair);

    private static List<SimulatedProfile> Build()
    {
        var list = new List<SimulatedProfile>();

        void Stock(string symbol, string name, string exchange, string sector, string industry, double price, double vol, double beta, double drift = 0.08) =>
            list.Add(new(new(symbol, name, AssetType.Equity, exchange, "USD", sector, industry), price, vol,
                drift, Math.Clamp(beta * 0.16 / vol, 0.2, 0.85), "sector:" + sector, 0.35, 5_000_000));

        void Fund(string symbol, string name, string exchange, double price, double vol, double marketLoading, string factor, double factorLoading, double drift = 0.07) =>
            list.Add(new(new(symbol, name, AssetType.Etf, exchange, "USD", null, null), price, vol, drift, marketLoading, factor, factorLoading, 20_000_000));

        const string Tech = "Information Technology", Comm = "Communication Services", Disc = "Consumer Discretionary", Staples = "Consumer Staples",
            Health = "Health Care", Fin = "Financials", Energy = "Energy", Ind = "Industrials", Mat = "Materials", Util = "Utilities", Re = "Real Estate";
        const string Soft = "Software", Semis = "Semiconductors & Semiconductor Equipment", Pharma = "Pharmaceuticals", Banks = "Banks",
            Oil = "Oil, Gas & Consumable Fuels", Aero = "Aerospace & Defense", Media = "Interactive Media & Services", Ent = "Entertainment",
            Telecom = "Diversified Telecommunication Services", Hotels = "Hotels, Restaurants & Leisure", Bev = "Beverages",
            StaplesRetail = "Consumer Staples Distribution & Retail", Markets = "Capital Markets", FinServ = "Financial Services", Electric = "Electric Utilities";

        Stock("AAPL", "Apple Inc.", "XNAS", Tech, "Technology Hardware, Storage & Peripherals", 27.0, 0.28, 1.2, 0.18);
        Stock("MSFT", "Microsoft Corporation", "XNAS", Tech, Soft, 46.0, 0.26, 1.1, 0.2);
        Stock("NVDA", "NVIDIA Corporation", "XNAS", Tech, Semis, 5.0, 0.5, 1.7, 0.35);
        Stock("AVGO", "Broadcom Inc.", "XNAS", Tech, Semis, 10.0, 0.36, 1.3, 0.25);
        Stock("ORCL", "Oracle Corporation", "XNYS", Tech, Soft, 45.0, 0.27, 1.0, 0.1);
        Stock("CRM", "Salesforce, Inc.", "XNYS", Tech, Soft, 60.0, 0.33, 1.2, 0.12);
        Stock("ADBE", "Adobe Inc.", "XNAS", Tech, Soft, 73.0, 0.32, 1.2, 0.15);
        Stock("CSCO", "Cisco Systems, Inc.", "XNAS", Tech, "Communications Equipment", 28.0, 0.24, 0.9, 0.06);
        Stock("INTC", "Intel Corporation", "XNAS", Tech, Semis, 36.0, 0.34, 1.0, -0.02);
        Stock("AMD", "Advanced Micro Devices, Inc.", "XNAS", Tech, Semis, 2.7, 0.55, 1.8, 0.3);
        Stock("GOOGL", "Alphabet Inc. Class A", "XNAS", Comm, Media, 26.0, 0.28, 1.1, 0.17);
        Stock("META", "Meta Platforms, Inc. Class A", "XNAS", Comm, Media, 78.0, 0.38, 1.3, 0.18);
        Stock("NFLX", "Netflix, Inc.", "XNAS", Comm, Ent, 49.0, 0.45, 1.3, 0.22);
        Stock("DIS", "The Walt Disney Company", "XNYS", Comm, Ent, 94.0, 0.27, 1.1, 0.02);
        Stock("VZ", "Verizon Communications Inc.", "XNYS", Comm, Telecom, 47.0, 0.19, 0.4, 0.01);
        Stock("T", "AT&T Inc.", "XNYS", Comm, Telecom, 33.0, 0.22, 0.6, -0.01);
        Stock("AMZN", "Amazon.com, Inc.", "XNAS", Disc, "Broadline Retail", 15.0, 0.33, 1.2, 0.2);
        Stock("TSLA", "Tesla, Inc.", "XNAS", Disc, "Automobiles", 14.0, 0.58, 2.0, 0.3);
        Stock("HD", "The Home Depot, Inc.", "XNYS", Disc, "Specialty Retail", 105.0, 0.23, 1.0, 0.12);
        Stock("MCD", "McDonald's Corporation", "XNYS", Disc, Hotels, 94.0, 0.18, 0.6, 0.1);
        Stock("NKE", "NIKE, Inc. Class B", "XNYS", Disc, "Textiles, Apparel & Luxury Goods", 48.0, 0.29, 1.0, 0.03);
        Stock("SBUX", "Starbucks Corporation", "XNAS", Disc, Hotels, 41.0, 0.26, 0.9, 0.06);
        Stock("PG", "The Procter & Gamble Company", "XNYS", Staples, "Household Products", 91.0, 0.16, 0.4, 0.07);
        Stock("KO", "The Coca-Cola Company", "XNYS", Staples, Bev, 42.0, 0.15, 0.5, 0.05);
        Stock("PEP", "PepsiCo, Inc.", "XNAS", Staples, Bev, 95.0, 0.16, 0.5, 0.06);
        Stock("WMT", "Walmart Inc.", "XNYS", Staples, StaplesRetail, 28.0, 0.2, 0.5, 0.13);
        Stock("COST", "Costco Wholesale Corporation", "XNAS", Staples, StaplesRetail, 142.0, 0.2, 0.7, 0.2);
        Stock("JNJ", "Johnson & Johnson", "XNYS", Health, Pharma, 105.0, 0.17, 0.6, 0.04);
        Stock("UNH", "UnitedHealth Group Incorporated", "XNYS", Health, "Health Care Providers & Services", 101.0, 0.26, 0.8, 0.15);
        Stock("PFE", "Pfizer Inc.", "XNYS", Health, Pharma, 31.0, 0.22, 0.6, -0.01);
        Stock("MRK", "Merck & Co., Inc.", "XNYS", Health, Pharma, 57.0, 0.21, 0.5, 0.06);
        Stock("ABBV", "AbbVie Inc.", "XNYS", Health, "Biotechnology", 65.0, 0.25, 0.7, 0.12);
        Stock("LLY", "Eli Lilly and Company", "XNYS", Health, Pharma, 69.0, 0.3, 0.5, 0.27);
        Stock("TMO", "Thermo Fisher Scientific Inc.", "XNYS", Health, "Life Sciences Tools & Services", 125.0, 0.24, 0.9, 0.12);
        Stock("JPM", "JPMorgan Chase & Co.", "XNYS", Fin, Banks, 62.0, 0.26, 1.1, 0.12);
        Stock("BAC", "Bank of America Corporation", "XNYS", Fin, Banks, 17.0, 0.32, 1.3, 0.07);
        Stock("WFC", "Wells Fargo & Company", "XNYS", Fin, Banks, 54.0, 0.3, 1.1, 0.03);
        Stock("GS", "The Goldman Sachs Group, Inc.", "XNYS", Fin, Markets, 190.0, 0.29, 1.3, 0.11);
        Stock("MS", "Morgan Stanley", "XNYS", Fin, Markets, 38.0, 0.31, 1.4, 0.12);
        Stock("V", "Visa Inc. Class A", "XNYS", Fin, FinServ, 65.0, 0.22, 0.9, 0.15);
        Stock("MA", "Mastercard Incorporated Class A", "XNYS", Fin, FinServ, 86.0, 0.24, 1.0, 0.17);
        Stock("BRK.B", "Berkshire Hathaway Inc. Class B", "XNYS", Fin, FinServ, 150.0, 0.17, 0.8, 0.1);
        Stock("XOM", "Exxon Mobil Corporation", "XNYS", Energy, Oil, 92.0, 0.27, 0.9, 0.03);
        Stock("CVX", "Chevron Corporation", "XNYS", Energy, Oil, 112.0, 0.28, 1.0, 0.04);
        Stock("COP", "ConocoPhillips", "XNYS", Energy, Oil, 69.0, 0.36, 1.2, 0.06);
        Stock("SLB", "Schlumberger Limited", "XNYS", Energy, "Energy Equipment & Services", 85.0, 0.38, 1.3, -0.04);
        Stock("CAT", "Caterpillar Inc.", "XNYS", Ind, "Machinery", 92.0, 0.29, 1.1, 0.14);
        Stock("BA", "The Boeing Company", "XNYS", Ind, Aero, 130.0, 0.38, 1.3, 0.03);
        Stock("HON", "Honeywell International Inc.", "XNAS", Ind, "Industrial Conglomerates", 100.0, 0.21, 1.0, 0.07);
        Stock("UPS", "United Parcel Service, Inc. Class B", "XNYS", Ind, "Air Freight & Logistics", 111.0, 0.24, 0.9, 0.04);
        Stock("GE", "GE Aerospace", "XNYS", Ind, Aero, 25.0, 0.33, 1.1, 0.08);
        Stock("LMT", "Lockheed Martin Corporation", "XNYS", Ind, Aero, 193.0, 0.2, 0.6, 0.09);
        Stock("LIN", "Linde plc", "XNYS", Mat, "Chemicals", 115.0, 0.21, 0.9, 0.11);
        Stock("FCX", "Freeport-McMoRan Inc.", "XNYS", Mat, "Metals & Mining", 23.0, 0.48, 1.6, 0.05);
        Stock("NEE", "NextEra Energy, Inc.", "XNYS", Util, Electric, 26.0, 0.21, 0.5, 0.08);
        Stock("DUK", "Duke Energy Corporation", "XNYS", Util, Electric, 84.0, 0.18, 0.4, 0.04);
        Stock("PLD", "Prologis, Inc.", "XNYS", Re, "Industrial REITs", 43.0, 0.26, 1.0, 0.09);
        Stock("AMT", "American Tower Corporation", "XNYS", Re, "Specialized REITs", 99.0, 0.25, 0.8, 0.06);

        Fund("SPY", "SPDR S&P 500 ETF Trust", "ARCX", 205.0, 0.16, 0.99, "style:core", 0.05, 0.1);
        Fund("QQQ", "Invesco QQQ Trust", "XNAS", 103.0, 0.21, 0.9, "sector:" + Tech, 0.35, 0.16);
        Fund("DIA", "SPDR Dow Jones Industrial Average ETF Trust", "ARCX", 178.0, 0.15, 0.97, "style:value", 0.15, 0.09);
        Fund("IWM", "iShares Russell 2000 ETF", "ARCX", 120.0, 0.22, 0.85, "style:size", 0.45, 0.06);
        Fund("IVE", "iShares S&P 500 Value ETF", "ARCX", 92.0, 0.16, 0.93, "style:value", 0.35, 0.08);
        Fund("IVW", "iShares S&P 500 Growth ETF", "ARCX", 54.0, 0.18, 0.93, "style:growth", 0.35, 0.12);
        Fund("MTUM", "iShares MSCI USA Momentum Factor ETF", "BATS", 72.0, 0.18, 0.88, "style:momentum", 0.45, 0.11);
        Fund("QUAL", "iShares MSCI USA Quality Factor ETF", "BATS", 63.0, 0.16, 0.95, "style:quality", 0.3, 0.1);
        Fund("USMV", "iShares MSCI USA Min Vol Factor ETF", "BATS", 40.0, 0.12, 0.85, "style:lowvol", 0.45, 0.08);
        list.Add(new(new("TLT", "iShares 20+ Year Treasury Bond ETF", AssetType.Etf, "XNAS", "USD", null, null), 126.0, 0.15, 0.01, -0.25, "rates", 0.95, 20_000_000, MeanReversion: 0.3));
        Fund("XLK", "Technology Select Sector SPDR Fund", "ARCX", 42.0, 0.2, 0.85, "sector:" + Tech, 0.5, 0.16);
        Fund("XLF", "Financial Select Sector SPDR Fund", "ARCX", 24.0, 0.22, 0.85, "sector:" + Fin, 0.5, 0.08);
        Fund("XLE", "Energy Select Sector SPDR Fund", "ARCX", 78.0, 0.28, 0.7, "sector:" + Energy, 0.65, 0.03);
        Fund("GLD", "SPDR Gold Shares", "ARCX", 115.0, 0.15, 0.05, "gold", 0.95, 0.06);

        list.Add(new(new("^GSPC", "S&P 500 Index", AssetType.Index, "INDEX", "USD", null, null), 2050.0, 0.16, 0.09, 0.995, "style:core", 0.05, 0));
        list.Add(new(new("^NDX", "Nasdaq-100 Index", AssetType.Index, "INDEX", "USD", null, null), 4250.0, 0.21, 0.15, 0.9, "sector:" + Tech, 0.35, 0));

        void Pair(string baseCurrency, string quoteCurrency, string name, double rate, double vol) =>
            list.Add(new(new(baseCurrency + quoteCurrency, name, AssetType.FxPair, "FX", quoteCurrency, null, null), rate, vol, 0.0, 0.1, "fx:" + (baseCurrency == "USD" ? quoteCurrency : baseCurrency), 0.95, 0, MeanReversion: 0.8));

        Pair("EUR", "USD", "Euro / US Dollar", 1.10, 0.08);
        Pair("GBP", "USD", "British Pound / US Dollar", 1.52, 0.09);
        Pair("USD", "JPY", "US Dollar / Japanese Yen", 120.0, 0.1);
        Pair("USD", "CHF", "US Dollar / Swiss Franc", 0.97, 0.08);
        Pair("AUD", "USD", "Australian Dollar / US Dollar", 0.76, 0.11);
        Pair("USD", "CAD", "US Dollar / Canadian Dollar", 1.27, 0.08);
        Pair("NZD", "USD", "New Zealand Dollar / US Dollar", 0.70, 0.11);
        return list;
    }
}
