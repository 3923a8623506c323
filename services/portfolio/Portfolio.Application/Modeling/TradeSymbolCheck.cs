using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;
using Portfolio.Application.Market;
using Portfolio.Application.Persistence;
using Portfolio.Application.Positions;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

/// <summary>
/// A trade's symbol in canonical form, if it can be modelled: its underlying needs a stored close (what the
/// valuation prices it at). Without one, marketdata is asked, which starts tracking it; the answer says
/// whether the symbol is unknown or its prices are still on their way.
/// </summary>
internal static class TradeSymbolCheck
{
    public static async Task<Result<PositionSymbol>> ResolveAsync(this PortfolioDb db, InstrumentDirectory instruments, string? text, CancellationToken cancellationToken)
    {
        if (!PositionSymbol.TryParse(text, out var symbol, out var error))
        {
            return Invalid(error!);
        }

        if (await db.Closes.AnyAsync(c => c.Symbol == symbol.Underlying, cancellationToken))
        {
            return symbol;
        }

        var lookup = await instruments.DescribeAsync(symbol.Underlying, cancellationToken);
        return Invalid(lookup.Unknown
            ? "Marketdata knows no such symbol (for an option: no such underlying)."
            : $"No stored price for {symbol.Underlying} yet; the market-data sync fetches it if marketdata knows it.");
    }

    /// <summary>
    /// Adding and changing a trade: the caller's live session at the version they read, the trade's symbol resolved,
    /// then <paramref name="change"/> with the canonical symbol, saved (412 if another change landed first).
    /// </summary>
    public static async Task<Result<SessionView>> ChangeTradesAsync(
        this PortfolioDb db, ICurrentUser user, InstrumentDirectory instruments, Guid sessionId, uint? expectedVersion, string? symbolText,
        DateTimeOffset now, Func<ModelingSession, string, Result> change, CancellationToken cancellationToken)
    {
        var session = await db.FindChangeableSessionAsync(user, sessionId, expectedVersion, now, cancellationToken);
        if (!session.IsSuccess)
        {
            return session.Error!;
        }

        var symbol = await db.ResolveAsync(instruments, symbolText, cancellationToken);
        if (!symbol.IsSuccess)
        {
            return symbol.Error!;
        }

        var changed = change(session.Value, symbol.Value.Symbol);
        return changed.IsSuccess ? await db.SaveSessionAsync(session.Value, cancellationToken) : changed.Error!;
    }

    private static Error Invalid(string message) => Error.Validation(new Dictionary<string, string[]> { ["symbol"] = [message] });
}
