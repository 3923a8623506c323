using FluentValidation;
using MarketData.Application.Assets;
using MarketData.Application.Persistence;
using MarketData.Application.Refresh;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.Options;

/// <summary>
/// The latest stored option chain of a tracked underlying (or the end-of-day chain of <see cref="AsOf"/>),
/// optionally one expiry only. An underlying with no chain yet is fetched from the provider once and stored.
/// </summary>
public sealed record GetOptionChain(string Symbol, DateOnly? Expiry, DateOnly? AsOf) : IRequest<Result<OptionChainView>>;

public sealed record OptionContractView(DateOnly Expiry, decimal Strike, OptionRight Right, decimal? Bid, decimal? Ask, decimal? Last, decimal? ImpliedVolatility, long? OpenInterest);

public sealed record OptionChainView(string Underlying, DateOnly AsOf, decimal UnderlyingPrice, IReadOnlyList<DateOnly> Expiries, IReadOnlyList<OptionContractView> Contracts);

internal sealed class GetOptionChainValidator : AbstractValidator<GetOptionChain>
{
    public GetOptionChainValidator() => RuleFor(r => r.Symbol).ValidSymbol().OverridePropertyName("symbol");
}

internal sealed class GetOptionChainHandler(MarketDataDb db, OptionChainRefresher refresher, TimeProvider clock) : IRequestHandler<GetOptionChain, Result<OptionChainView>>
{
    public async Task<Result<OptionChainView>> Handle(GetOptionChain request, CancellationToken cancellationToken)
    {
        var symbol = Symbols.Normalize(request.Symbol)!;
        var asset = await db.Assets.AsNoTracking().Where(a => a.Symbol == symbol).Select(a => new { a.Id, a.Type }).SingleOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return MarketDataErrors.NotTracked(symbol);
        }

        var day = await ChainDayAsync(asset.Id, request.AsOf, cancellationToken);
        if (day is null && request.AsOf is null && asset.Type is AssetType.Equity or AssetType.Etf)
        {
            await refresher.FetchAndStoreAsync(asset.Id, symbol, MarketCalendar.LastClosedSession(clock.GetUtcNow()), cancellationToken);
            day = await ChainDayAsync(asset.Id, null, cancellationToken);
        }

        if (day is not { } asOf)
        {
            return MarketDataErrors.NoOptionChain(symbol);
        }

        var rows = await db.OptionQuotes.AsNoTracking().Where(o => o.AssetId == asset.Id && o.AsOf == asOf)
            .OrderBy(o => o.Expiry).ThenBy(o => o.Strike).ThenBy(o => o.Right).ToListAsync(cancellationToken);
        var expiries = rows.Select(r => r.Expiry).Distinct().ToList();
        var contracts = rows.Where(r => request.Expiry is null || r.Expiry == request.Expiry)
            .Select(r => new OptionContractView(r.Expiry, r.Strike, r.Right, r.Bid, r.Ask, r.Last, r.ImpliedVolatility, r.OpenInterest))
            .ToList();
        if (request.Expiry is { } expiry && contracts.Count == 0)
        {
            return Error.NotFound("marketdata.no_such_expiry", $"{symbol} has no contracts expiring {expiry:yyyy-MM-dd} in the chain of {asOf:yyyy-MM-dd}.")
                with { Details = new Dictionary<string, object?> { ["expiries"] = expiries } };
        }

        return new OptionChainView(symbol, asOf, rows[0].UnderlyingPrice, expiries, contracts);
    }

    private Task<DateOnly?> ChainDayAsync(Guid assetId, DateOnly? asOf, CancellationToken cancellationToken) =>
        db.OptionQuotes.Where(o => o.AssetId == assetId && (asOf == null || o.AsOf == asOf))
            .OrderByDescending(o => o.AsOf).Select(o => (DateOnly?)o.AsOf).FirstOrDefaultAsync(cancellationToken);
}
