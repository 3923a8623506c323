using Deals.Application.Persistence;
using Platform.Persistence;

namespace Deals.Infrastructure;

internal sealed class DesignTimeDealsDb() : DesignTimeFactory<DealsDb>(DealsDb.Schema);
