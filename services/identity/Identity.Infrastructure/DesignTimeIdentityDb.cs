using Identity.Application.Persistence;
using Platform.Persistence;

namespace Identity.Infrastructure;

internal sealed class DesignTimeIdentityDb() : DesignTimeFactory<IdentityDb>(IdentityDb.Schema);
