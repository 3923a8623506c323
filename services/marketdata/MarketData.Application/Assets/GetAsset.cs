using FluentValidation;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.Assets;

public sealed record GetAsset(string Symbol) : IRequest<Result<AssetDetailView>>;

internal sealed class GetAssetValidator : AbstractValidator<GetAsset>
{
    public GetAssetValidator() => RuleFor(r => r.Symbol).ValidSymbol().OverridePropertyName("symbol");
}

internal sealed class GetAssetHandler(MarketDataDb db) : IRequestHandler<GetAsset, Result<AssetDetailView>>
{
    public async Task<Result<AssetDetailView>> Handle(GetAsset request, CancellationToken cancellationToken)
    {
        var symbol = Symbols.Normalize(request.Symbol)!;
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Symbol == symbol, cancellationToken);
        if (asset is null)
        {
            return MarketDataErrors.NotTracked(symbol);
        }

        var bars = db.Bars.Where(b => b.AssetId == asset.Id);
        // Both ends come from the (asset_id, date) index: one short scan per partition.
        var first = await bars.OrderBy(b => b.Date).Select(b => (DateOnly?)b.Date).FirstOrDefaultAsync(cancellationToken);
        var last = await bars.OrderByDescending(b => b.Date).Select(b => (DateOnly?)b.Date).FirstOrDefaultAsync(cancellationToken);
        var state = await db.RefreshStates.AsNoTracking().SingleOrDefaultAsync(s => s.AssetId == asset.Id, cancellationToken);
        return new AssetDetailView(AssetView.Of(asset), first, last, state?.LastAttemptAt, state?.LastSucceededAt, state?.LastError);
    }
}
