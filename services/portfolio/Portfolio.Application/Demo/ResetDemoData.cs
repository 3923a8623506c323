using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Batch;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Application.Positions;
using Portfolio.Application.Snapshots;
using Portfolio.Application.Strategies;
using Portfolio.Application.Tags;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Demo;

/// <summary>
/// Development only (the endpoint is not mapped elsewhere): the calling admin's three demo portfolios, growth,
/// value and balanced, are put back as new: any earlier ones of theirs are deleted (soft, like any portfolio),
/// then each is created through the ordinary use cases (so validation, audit and the market-data lookup of new
/// symbols apply) with stocks, ETFs and options, tags and a strategy, plus <see cref="HistoryDays"/> weekdays of
/// snapshot history ending yesterday, a deterministic walk per style, so charts have something to show at once.
/// </summary>
public sealed record ResetDemoData : IRequest<Result<IReadOnlyList<PortfolioView>>>
{
    public const int HistoryDays = 90;
}

internal sealed class ResetDemoDataHandler(PortfolioDb db, IMediator mediator, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ResetDemoData, Result<IReadOnlyList<PortfolioView>>>
{
    public async Task<Result<IReadOnlyList<PortfolioView>>> Handle(ResetDemoData request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var names = DemoBooks.All.Select(b => b.Name).ToList();
        var earlier = await db.Portfolios.AsNoTracking().Where(p => p.OwnerId == caller.Value.UserId && names.Contains(p.Name)).ToListAsync(cancellationToken);
        foreach (var portfolio in earlier)
        {
            if (await mediator.Send(new DeletePortfolio(portfolio.Id, null), cancellationToken) is { IsSuccess: false } deleted)
            {
                return deleted.Error!;
            }
        }

        var tags = await EnsureTagsAsync(cancellationToken);
        if (!tags.IsSuccess)
        {
            return tags.Error!;
        }

        var created = new List<PortfolioView>();
        foreach (var book in DemoBooks.All)
        {
            var portfolio = await CreateAsync(book, cancellationToken);
            if (!portfolio.IsSuccess)
            {
                return portfolio.Error!;
            }

            created.Add(portfolio.Value);
        }

        return created;
    }

    private async Task<Result> EnsureTagsAsync(CancellationToken cancellationToken)
    {
        var existing = await mediator.Send(new ListTags(), cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error!;
        }

        foreach (var (name, colour) in DemoBooks.Tags.Where(t => existing.Value.All(e => e.Name != t.Name)))
        {
            if (await mediator.Send(new CreateTag(new TagInput(name, colour)), cancellationToken) is { IsSuccess: false } tag)
            {
                return tag.Error!;
            }
        }

        return Result.Ok();
    }

    private async Task<Result<PortfolioView>> CreateAsync(DemoBook book, CancellationToken cancellationToken)
    {
        var portfolio = await mediator.Send(new CreatePortfolio(new PortfolioInput(book.Name, "USD", book.Description, book.Limits)), cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio;
        }

        var id = portfolio.Value.Id;
        var strategy = await mediator.Send(new CreateStrategy(id, new StrategyInput(book.Strategy, book.StrategyKind, null)), cancellationToken);
        if (!strategy.IsSuccess)
        {
            return strategy.Error!;
        }

        foreach (var position in book.Positions)
        {
            var input = new PositionInput(position.Symbol, position.Quantity, position.EntryPrice, position.EntryDate, null, null, position.Tags,
                position.InStrategy ? strategy.Value.Id : null, null);
            if (await mediator.Send(new CreatePosition(id, input), cancellationToken) is { IsSuccess: false } created)
            {
                return created.Error!;
            }
        }

        db.Set<PortfolioSnapshotRow>().AddRange(DemoBooks.History(book, id, BatchJobs.Today(clock).AddDays(-1), ResetDemoData.HistoryDays, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return portfolio;
    }
}

internal sealed record DemoPosition(string Symbol, decimal Quantity, decimal EntryPrice, DateOnly EntryDate, string[] Tags, bool InStrategy = false);

internal sealed record DemoBook(
    string Name, string Description, LimitsInput Limits, string Strategy, StrategyKind StrategyKind, IReadOnlyList<DemoPosition> Positions,
    decimal MarketValue, double DailyDrift, double DailyVolatility, decimal Beta, int Seed);

/// <summary>The three demo books and their synthetic history.</summary>
internal static class DemoBooks
{
    private static readonly DateOnly Entered = new(2025, 1, 6);

    public static readonly (string Name, string Colour)[] Tags =
        [("growth", "#2E7D32"), ("value", "#1565C0"), ("income", "#6A1B9A"), ("hedge", "#C62828"), ("core", "#EF6C00")];

    public static readonly DemoBook[] All =
    [
        new("Demo Growth", "Large-cap technology and consumer growth, a call overlay on NVDA and a cash-secured put on TSLA.",
            new LimitsInput(5_000_000m, 3_000_000m, 150_000m, 40m, 3_000_000m), "NVDA call overlay", StrategyKind.Custom,
            [
                new("NVDA", 2_000m, 120m, Entered, ["growth"], InStrategy: true),
                new("MSFT", 800m, 410m, Entered, ["growth", "core"]),
                new("AMZN", 1_200m, 190m, Entered, ["growth"]),
                new("QQQ", 500m, 480m, Entered, ["core"]),
                new("NVDA  270618C00150000", 10m, 18.5m, Entered, ["growth"], InStrategy: true),
                new("TSLA  270618P00200000", -5m, 22m, Entered, ["income"]),
            ],
            1_350_000m, 0.0009, 0.018, 1.25m, 11),
        new("Demo Value", "Financials, energy, health care and staples, with covered calls on XOM.",
            new LimitsInput(4_000_000m, 3_000_000m, 90_000m, 30m, 2_500_000m), "XOM covered call", StrategyKind.CoveredCall,
            [
                new("BRK.B", 600m, 440m, Entered, ["value", "core"]),
                new("JPM", 1_000m, 210m, Entered, ["value"]),
                new("XOM", 1_500m, 112m, Entered, ["value", "income"], InStrategy: true),
                new("JNJ", 900m, 155m, Entered, ["value", "income"]),
                new("KO", 2_000m, 62m, Entered, ["income"]),
                new("XOM   270618C00130000", -15m, 4.2m, Entered, ["income"], InStrategy: true),
            ],
            1_050_000m, 0.0003, 0.009, 0.85m, 23),
        new("Demo Balanced", "Equities and Treasuries in balance, with a protective put on SPY.",
            new LimitsInput(3_000_000m, 2_000_000m, 60_000m, 45m, 1_500_000m), "SPY protective put", StrategyKind.ProtectivePut,
            [
                new("SPY", 1_200m, 560m, Entered, ["core"], InStrategy: true),
                new("TLT", 3_000m, 92m, Entered, ["hedge", "income"]),
                new("AAPL", 700m, 225m, Entered, ["growth", "core"]),
                new("GLD", 800m, 215m, Entered, ["hedge"]),
                new("SPY   270618P00520000", 12m, 14m, Entered, ["hedge"], InStrategy: true),
            ],
            1_200_000m, 0.0004, 0.007, 0.6m, 37),
    ];

    /// <summary><paramref name="days"/> weekdays of snapshots ending on <paramref name="last"/>: a seeded random walk of the book's value.</summary>
    public static IEnumerable<PortfolioSnapshotRow> History(DemoBook book, Guid portfolioId, DateOnly last, int days, DateTimeOffset now)
    {
        var dates = new List<DateOnly>();
        for (var date = last; dates.Count < days; date = date.AddDays(-1))
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(date);
            }
        }

        dates.Reverse();
        var random = new Random(book.Seed);
        var value = (double)book.MarketValue;
        var cost = value * 0.85;
        foreach (var date in dates)
        {
            // Box-Muller: a normal daily return with the style's drift and volatility.
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var pnl = value * (book.DailyDrift + (book.DailyVolatility * normal));
            value += pnl;
            var gross = value * 1.1;
            yield return new PortfolioSnapshotRow
            {
                PortfolioId = portfolioId, BusinessDate = date, AsOf = date, Currency = "USD", Positions = book.Positions.Count,
                MarketValue = Round(value), ProfitAndLossDay = Round(pnl), ProfitAndLossSinceInception = Round(value - cost),
                GrossExposure = Round(gross), NetExposure = Round(value * 0.95), LongExposure = Round(value * 1.025), ShortExposure = Round(-value * 0.075),
                DollarDelta = Round(value * 0.95), DollarGamma = Round(value * 0.002), Vega = Round(value * 0.0004), Theta = Round(-value * 0.00005), Rho = Round(value * 0.0003),
                ValueAtRisk99OneDay = Round(value * book.DailyVolatility * 2.326), BetaToMarket = book.Beta,
                FactorBetas = JsonSerializer.Serialize(new Dictionary<string, decimal> { ["market"] = book.Beta }), ComputedAt = now,
            };
        }
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);
}
