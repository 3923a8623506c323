using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Instruments;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Positions;

/// <summary>
/// Turns validated input (a JSON body or a CSV row) into a position's terms: the type from sign and
/// side, the currency from the instrument marketdata described (else the portfolio's), the strategy
/// checked to be the portfolio's own, and every tag name made a tag of the owner's.
/// </summary>
internal static class PositionTermsBuilder
{
    public const decimal OptionMultiplier = 100m;

    public static PositionTerms Build(
        PositionSymbol symbol, decimal quantity, decimal entryPrice, DateOnly entryDate, string? currency, decimal? multiplier,
        IReadOnlyList<string>? tags, Guid? strategyId, string? notes, string instrumentCurrency) =>
        new(symbol.Symbol, symbol.Underlying, PositionTypes.Detect(quantity, symbol.Option?.Right), quantity, entryPrice, entryDate,
            currency ?? instrumentCurrency, multiplier ?? (symbol.Option is null ? 1m : OptionMultiplier),
            symbol.Option is { } o ? new OptionTerms(o.Right, o.Expiry, o.Strike) : null,
            [.. (tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)], strategyId, notes);

    public static Error UnknownSymbol(string field) =>
        Error.Validation(new Dictionary<string, string[]> { [field] = ["Marketdata knows no such symbol (for an option: no such underlying)."] });

    public static async Task<Result<PositionTerms>> FromInputAsync(
        this PortfolioDb db, InstrumentDirectory instruments, InvestmentPortfolio portfolio, PositionInput input, CancellationToken cancellationToken)
    {
        if (!PositionSymbol.TryParse(input.Symbol, out var symbol, out var symbolError))
        {
            return Error.Validation(new Dictionary<string, string[]> { ["symbol"] = [symbolError!] });
        }

        if (input.StrategyId is { } strategyId
            && !await db.Strategies.AnyAsync(s => s.Id == strategyId && s.PortfolioId == portfolio.Id, cancellationToken))
        {
            return Error.Validation(new Dictionary<string, string[]> { ["strategyId"] = ["No strategy with this id in this portfolio."] });
        }

        // Marketdata unreachable: the position is kept in the currency given, else the portfolio's; the sync describes the symbol later.
        var instrument = await instruments.DescribeAsync([symbol.Underlying], cancellationToken);
        var lookup = instrument[symbol.Underlying];
        if (lookup.Unknown)
        {
            return UnknownSymbol("symbol");
        }

        var terms = Build(symbol, input.Quantity!.Value, input.EntryPrice!.Value, input.EntryDate!.Value, input.Currency, input.Multiplier,
            input.Tags, input.StrategyId, input.Notes, lookup.Instrument?.Currency ?? portfolio.BaseCurrency);
        await db.EnsureTagsAsync(portfolio.OwnerId, terms.Tags, cancellationToken);
        return terms;
    }

    /// <summary>Adds the owner's tags that do not exist yet, in the default colour; saved with the caller's change.</summary>
    public static async Task EnsureTagsAsync(this PortfolioDb db, Guid ownerId, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var existing = await db.Tags.Where(t => t.OwnerId == ownerId && wanted.Contains(t.Name)).Select(t => t.Name).ToListAsync(cancellationToken);
        var pending = db.ChangeTracker.Entries<Tag>().Where(e => e.State == EntityState.Added && e.Entity.OwnerId == ownerId).Select(e => e.Entity.Name);
        db.Tags.AddRange(wanted.Except(existing.Concat(pending), StringComparer.Ordinal).Select(name => Tag.Create(ownerId, name, null)));
    }
}
