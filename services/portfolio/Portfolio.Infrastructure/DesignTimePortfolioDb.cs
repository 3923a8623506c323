using Platform.Persistence;
using Portfolio.Application.Persistence;

namespace Portfolio.Infrastructure;

internal sealed class DesignTimePortfolioDb() : DesignTimeFactory<PortfolioDb>(PortfolioDb.Schema);
