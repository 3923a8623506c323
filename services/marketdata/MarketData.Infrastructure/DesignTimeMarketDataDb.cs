using MarketData.Application.Persistence;
using Platform.Persistence;

namespace MarketData.Infrastructure;

internal sealed class DesignTimeMarketDataDb() : DesignTimeFactory<MarketDataDb>(MarketDataDb.Schema);
