using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Identity.Application;
using OpenIddict.Abstractions;

namespace Identity.Infrastructure.OpenIddict;

/// <summary>
/// Deletes expired, redeemed and revoked tokens and dead authorizations once they are older than a
/// refresh token can live: until then a redeemed refresh token is kept, so presenting it again is
/// recognised as theft and ends its authorization.
/// </summary>
internal sealed class GrantPruning(
    IServiceScopeFactory scopes, IOptions<IdentityServiceOptions> options, TimeProvider clock, ILogger<GrantPruning> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RefreshTokenDays);
                var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, stoppingToken);
                logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations older than {Threshold}.", tokens, authorizations, threshold);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Pruning tokens failed; the next hour tries again.");
            }
        }
    }
}
