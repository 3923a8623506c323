using Microsoft.AspNetCore.Builder;

namespace Platform.Hosting;

/// <summary>The steps of the composed service that need its DbContext type after the app is built.</summary>
internal sealed record ComposedService(PlatformService Service, Action<WebApplication> MapAdmin, Func<WebApplication, string[], Task<bool>> Migrate);
