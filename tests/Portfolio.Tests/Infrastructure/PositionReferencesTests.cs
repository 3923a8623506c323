using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Tests.Risk;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Infrastructure;

/// <summary>
/// Positions carry no foreign keys (they cost a third of a large upload); statement-level triggers keep the same
/// rules (migration PositionReferencesPerStatement). These are the rules, checked in the database itself, below
/// anything the handlers check first.
/// </summary>
public sealed class PositionReferencesTests
{
    [Test]
    public async Task InsertingAPosition_OfAPortfolioThatDoesNotExist_IsRefusedAsAForeignKeyViolation()
    {
        var (portfolio, _) = await BookWithAStrategyAsync();

        var refused = await RefusalAsync(db => InsertAsync(db, Guid.NewGuid(), null));
        var allowed = await RefusalAsync(db => InsertAsync(db, portfolio, null));

        Assert.That(refused?.SqlState, Is.EqualTo(PostgresErrorCodes.ForeignKeyViolation));
        Assert.That(refused?.ConstraintName, Is.EqualTo("fk_positions_portfolios_portfolio_id"));
        Assert.That(allowed, Is.Null, "a position of an existing portfolio is stored");
    }

    [Test]
    public async Task InsertingOrRegrouping_IntoAStrategyThatDoesNotExist_IsRefused_UngroupingIsNot()
    {
        var (portfolio, strategy) = await BookWithAStrategyAsync();
        var position = Guid.NewGuid();
        Assert.That(await RefusalAsync(db => InsertAsync(db, portfolio, strategy, position)), Is.Null);

        var inserted = await RefusalAsync(db => InsertAsync(db, portfolio, Guid.NewGuid()));
        var regrouped = await RefusalAsync(db => db.Database.ExecuteSqlAsync($"UPDATE portfolio.positions SET strategy_id = {Guid.NewGuid()} WHERE id = {position}"));
        var ungrouped = await RefusalAsync(db => db.Database.ExecuteSqlAsync($"UPDATE portfolio.positions SET strategy_id = NULL WHERE id = {position}"));

        Assert.That((inserted?.ConstraintName, regrouped?.ConstraintName),
            Is.EqualTo(("fk_positions_strategies_strategy_id", "fk_positions_strategies_strategy_id")));
        Assert.That(ungrouped, Is.Null);
    }

    [Test]
    public async Task DeletingAStrategy_UngroupsItsPositions_AndDeletingAPortfolio_DeletesThem()
    {
        var (portfolio, strategy) = await BookWithAStrategyAsync();
        var position = Guid.NewGuid();
        await Factory.WithDbAsync(db => InsertAsync(db, portfolio, strategy, position));

        await Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM portfolio.strategies WHERE id = {strategy}"));
        var strategyAfter = await Factory.WithDbAsync(db => db.Positions.IgnoreQueryFilters().Where(p => p.Id == position).Select(p => p.StrategyId).SingleAsync());
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM portfolio.portfolios WHERE id = {portfolio}"));
        var left = await Factory.WithDbAsync(db => db.Positions.IgnoreQueryFilters().CountAsync(p => p.PortfolioId == portfolio));

        Assert.That(strategyAfter, Is.Null, "ungrouped, as ON DELETE SET NULL did");
        Assert.That(left, Is.Zero, "deleted with the portfolio, as ON DELETE CASCADE did");
    }

    // A portfolio with one strategy, made through the API as a user would.
    private static async Task<(Guid Portfolio, Guid Strategy)> BookWithAStrategyAsync()
    {
        var symbol = MarketSeed.NewSymbol();
        await MarketSeed.SeedAsync(symbol, "USD", [10m, 11m]);
        using var analyst = Factory.Analyst(out _);
        var portfolio = await analyst.CreatePortfolioAsync();
        using var upload = await analyst.PostAsync($"/api/v1/portfolios/{portfolio.Id()}/positions/upload",
            new StringContent($"symbol,quantity,entryPrice,entryDate,strategy\n{symbol},10,10,2026-03-02,Pairs\n", Encoding.UTF8, "text/csv"));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        var id = Guid.Parse(portfolio.Id());
        var strategy = await Factory.WithDbAsync(db => db.Strategies.Where(s => s.PortfolioId == id).Select(s => s.Id).SingleAsync());
        return (id, strategy);
    }

    private static Task<int> InsertAsync(Portfolio.Application.Persistence.PortfolioDb db, Guid portfolio, Guid? strategy, Guid? id = null) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO portfolio.positions (id, portfolio_id, owner_id, symbol, underlying, type, quantity, entry_price, entry_date, currency,
                                             multiplier, tags, strategy_id, created_at, updated_at)
            VALUES ({id ?? Guid.NewGuid()}, {portfolio}, {Guid.NewGuid()}, 'REF', 'REF', 'long', 1, 1, DATE '2026-03-02', 'USD', 1, {Array.Empty<string>()}, {strategy}, now(), now())
            """);

    private static async Task<PostgresException?> RefusalAsync(Func<Portfolio.Application.Persistence.PortfolioDb, Task<int>> write)
    {
        try
        {
            await Factory.WithDbAsync(write);
            return null;
        }
        catch (PostgresException refused)
        {
            return refused;
        }
    }
}
