using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Risk;
using Portfolio.Domain.IndexStrategies;
using Portfolio.Domain.Portfolios;

namespace Portfolio.Application.IndexStrategies;

/// <summary>How much to invest, from when, valued in which currency.</summary>
public sealed record SimulationInput(decimal? Amount, DateOnly? StartDate, string? Currency);

/// <summary>
/// Runs an index definition over the stored closes from the start date to the last stored close.
/// Results are cached (<see cref="IDistributedCache"/>, Redis) under the definition's id and version, the
/// inputs and the date the data runs to: a change of the definition or a new close gives a new key.
/// </summary>
public sealed record SimulateIndexStrategy(Guid StrategyId, SimulationInput Input) : IRequest<Result<IndexSimulationView>>;

internal sealed class SimulateIndexStrategyValidator : AbstractValidator<SimulateIndexStrategy>
{
    /// <summary>A trillion in any currency: beyond any index this platform models, and far inside decimal's range after ten years of growth.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public SimulateIndexStrategyValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.Amount).NotNull().GreaterThan(0).LessThanOrEqualTo(MaxAmount)
                .WithMessage("Must be a positive amount of at most 1e12.").OverridePropertyName("amount");
            RuleFor(r => r.Input.StartDate).NotNull().WithMessage("Must be a date such as 2020-01-02.").OverridePropertyName("startDate");
            RuleFor(r => r.Input.Currency).Must(Currencies.IsCode).WithMessage("Must be an active ISO 4217 code such as USD.").OverridePropertyName("currency");
        });
    }
}

internal sealed class SimulateIndexStrategyHandler(
    PortfolioDb db, ICurrentUser user, IndexMarketData market, IDistributedCache cache, IOptions<RiskOptions> risk, TimeProvider clock)
    : IRequestHandler<SimulateIndexStrategy, Result<IndexSimulationView>>
{
    /// <summary>Bounds how long a close restated by marketdata (same dates, new value) can go unseen.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public async Task<Result<IndexSimulationView>> Handle(SimulateIndexStrategy request, CancellationToken cancellationToken)
    {
        var found = await db.FindOwnedAsync(user, request.StrategyId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var strategy = found.Value;
        var (amount, start, currency) = (request.Input.Amount!.Value, request.Input.StartDate!.Value, request.Input.Currency!);
        var coverage = await market.CoverageAsync(strategy.Symbols, cancellationToken);
        if (!coverage.IsSuccess)
        {
            return coverage.Error!;
        }

        var (first, last) = (coverage.Value.Max(c => c.First!.Value), coverage.Value.Max(c => c.Last!.Value));
        if (start < first)
        {
            return IndexStrategyErrors.StartBeforeData(first);
        }

        if (start > last)
        {
            return IndexStrategyErrors.StartAfterData(last);
        }

        // Closes before the start carry a price over a holiday on the start day and fill the volatility window.
        var from = start.AddDays(-(strategy.VolatilityWindow * 7 / 5) - 10);
        var currencies = coverage.Value.Select(c => c.Currency ?? currency).ToArray();
        var fx = await market.FxAsync(currencies, currency, from, cancellationToken);
        if (!fx.IsSuccess)
        {
            return fx.Error!;
        }

        var dataThrough = fx.Value.Values.Select(s => s.LastDate).Append(last).Max();
        var key = string.Create(CultureInfo.InvariantCulture,
            $"portfolio:index-simulation:v1:{strategy.Id:N}:{strategy.Version}:{strategy.UpdatedAt.UtcTicks}:{amount:0.############}:{start:yyyy-MM-dd}:{currency}:{dataThrough:yyyy-MM-dd}");
        if (await cache.GetAsync(key, cancellationToken) is { } cached)
        {
            return JsonSerializer.Deserialize<IndexSimulationView>(cached, CacheJson)!;
        }

        var simulation = await RunAsync(strategy, currencies, fx.Value, amount, start, currency, from, cancellationToken);
        var view = IndexSimulationMapping.ToView(strategy, simulation, new SimulationRequestFacts(amount, start, currency, dataThrough, risk.Value.RiskFreeRate, clock.GetUtcNow()), fx.Value);
        await cache.SetAsync(key, JsonSerializer.SerializeToUtf8Bytes(view, CacheJson),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime }, cancellationToken);
        return view;
    }

    /// <summary>Feeds the engine one day at a time as the closes stream in by date.</summary>
    private async Task<IndexSimulation> RunAsync(IndexStrategy strategy, string[] currencies, IReadOnlyDictionary<string, FxSeries> fx,
        decimal amount, DateOnly start, string currency, DateOnly from, CancellationToken cancellationToken)
    {
        var symbols = strategy.Symbols;
        var simulator = new IndexSimulator(strategy.Rules, symbols.Length, (double)amount, start);
        var closes = new double[symbols.Length];
        var rates = new double[symbols.Length];
        Array.Fill(closes, double.NaN);
        DateOnly? day = null;
        await foreach (var close in market.ClosesAsync(symbols, from, cancellationToken))
        {
            if (day != close.Date)
            {
                Advance();
                day = close.Date;
            }

            closes[close.Name] = (double)close.Close;
        }

        Advance();
        return simulator.Finish(risk.Value.RiskFreeRate);

        void Advance()
        {
            if (day is not { } date)
            {
                return;
            }

            for (var i = 0; i < rates.Length; i++)
            {
                rates[i] = currencies[i] == currency ? 1.0 : fx[currencies[i]].On(date);
            }

            simulator.Advance(date, closes, rates);
            Array.Fill(closes, double.NaN);
        }
    }
}
