using FluentValidation;
using MarketData.Application.Persistence;
using MarketData.Application.Providers;
using MarketData.Application.Refresh;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.SharedKernel;

namespace MarketData.Application.Assets;

public sealed record TrackAssetInput(string? Symbol);

/// <summary>Starts tracking a symbol the reference provider knows; its history is back-filled by a job.</summary>
public sealed record TrackAsset(TrackAssetInput Input) : IRequest<Result<TrackedAsset>>;

/// <summary>The asset, and whether this call started tracking it (201) or it was tracked already (200).</summary>
public sealed record TrackedAsset(AssetView Asset, bool Created);

internal sealed class TrackAssetValidator : AbstractValidator<TrackAsset>
{
    public TrackAssetValidator() => RuleFor(r => r.Input.Symbol).ValidSymbol().OverridePropertyName("symbol");
}

internal sealed class TrackAssetHandler(MarketDataDb db, MarketDataSources sources, IJobs jobs, ICurrentUser user)
    : IRequestHandler<TrackAsset, Result<TrackedAsset>>
{
    public async Task<Result<TrackedAsset>> Handle(TrackAsset request, CancellationToken cancellationToken)
    {
        var symbol = Symbols.Normalize(request.Input.Symbol)!;
        var existing = await db.Assets.SingleOrDefaultAsync(a => a.Symbol == symbol, cancellationToken);
        if (existing is { Active: true })
        {
            return new TrackedAsset(AssetView.Of(existing), false);
        }

        AssetReference? reference;
        try
        {
            reference = await sources.Reference.FindAssetAsync(symbol, cancellationToken);
        }
        catch (ProviderException e)
        {
            return MarketDataErrors.ProviderUnavailable(e.Provider, e.Message);
        }

        if (reference is null)
        {
            return MarketDataErrors.UnknownSymbol(symbol);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asset = existing ?? Asset.Track(Guid.CreateVersion7(), reference with { Symbol = symbol });
        if (existing is null)
        {
            db.Assets.Add(asset);
        }
        else
        {
            existing.Describe(reference with { Symbol = symbol });
            existing.Reactivate();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (existing is null)
        {
            // Tracked by a concurrent request meanwhile: the same answer as if it had been first.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await db.Assets.AsNoTracking().SingleAsync(a => a.Symbol == symbol, cancellationToken);
            return new TrackedAsset(AssetView.Of(winner), false);
        }

        // In the same transaction: the asset never exists without its back-fill on the way.
        var backfill = await jobs.EnqueueAsync(AssetBackfill.Type, new BackfillParams(symbol), null, user.Subject ?? "system", cancellationToken);
        if (!backfill.IsSuccess)
        {
            return backfill.Error!;
        }

        await transaction.CommitAsync(cancellationToken);
        return new TrackedAsset(AssetView.Of(asset), existing is null);
    }
}
