namespace MarketData.Infrastructure.Providers.Polygon;

/// <summary>
/// Polygon's reference data classifies companies by SEC SIC code, not GICS. SIC codes describe what
/// a company makes, GICS how investors group it, and the two part ways often (SIC 7370 holds both
/// Alphabet, GICS Communication Services, and many software firms, GICS Information Technology).
/// Only SIC ranges whose companies fall in one GICS sector with few exceptions are mapped; every
/// other code leaves the sector unknown (null), and the industry is always left null. Prefer Twelve
/// Data's profile for classification (docs/marketdata-providers.md).
/// </summary>
internal static class SicSectors
{
    private const string Energy = "Energy", Materials = "Materials", Industrials = "Industrials",
        Discretionary = "Consumer Discretionary", Staples = "Consumer Staples", Health = "Health Care",
        Financials = "Financials", Technology = "Information Technology", Communication = "Communication Services",
        Utilities = "Utilities", RealEstate = "Real Estate";

    private static readonly (int From, int To, string Sector)[] Ranges =
    [
        (1000, 1099, Materials),        // metal mining
        (1200, 1299, Energy),           // coal
        (1311, 1389, Energy),           // oil and gas extraction and services
        (1400, 1499, Materials),        // non-metallic minerals
        (2000, 2099, Staples),          // food and beverages
        (2100, 2199, Staples),          // tobacco
        (2200, 2399, Discretionary),    // textiles and apparel
        (2600, 2699, Materials),        // paper
        (2800, 2829, Materials),        // chemicals, plastics
        (2833, 2836, Health),           // drugs and biologicals
        (2840, 2844, Staples),          // soaps, cleaners, cosmetics
        (2850, 2899, Materials),        // paints, agricultural and other chemicals
        (2910, 2911, Energy),           // petroleum refining
        (3310, 3399, Materials),        // primary metals
        (3570, 3579, Technology),       // computers and office equipment
        (3661, 3679, Technology),       // communications equipment, semiconductors, electronic components
        (3711, 3711, Discretionary),    // motor vehicles
        (3720, 3729, Industrials),      // aircraft and parts
        (3760, 3769, Industrials),      // missiles and space vehicles
        (3841, 3851, Health),           // medical instruments and supplies
        (4011, 4013, Industrials),      // railroads
        (4512, 4522, Industrials),      // airlines
        (4812, 4813, Communication),    // telephone
        (4833, 4841, Communication),    // broadcasting and cable
        (4911, 4941, Utilities),        // electric, gas and water
        (5200, 5271, Discretionary),    // building materials and garden retail
        (5311, 5331, Staples),          // department and variety stores (Walmart, Costco, Target)
        (5411, 5412, Staples),          // grocery stores
        (5812, 5812, Discretionary),    // restaurants
        (5961, 5961, Discretionary),    // catalog and mail-order (Amazon)
        (6021, 6036, Financials),       // banks and savings institutions
        (6141, 6199, Financials),       // credit
        (6200, 6299, Financials),       // brokers, exchanges
        (6311, 6411, Financials),       // insurance
        (6500, 6553, RealEstate),       // real estate operators and developers
        (6798, 6798, RealEstate),       // real estate investment trusts
        (7372, 7372, Technology),       // prepackaged software
        (8000, 8099, Health),           // health services
    ];

    /// <summary>The GICS sector of a SIC code where the mapping is sound, else null.</summary>
    public static string? Sector(string? sicCode)
    {
        if (!int.TryParse(sicCode, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sic))
        {
            return null;
        }

        foreach (var (from, to, sector) in Ranges)
        {
            if (sic >= from && sic <= to)
            {
                return sector;
            }
        }

        return null;
    }
}
