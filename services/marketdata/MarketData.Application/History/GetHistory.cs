using FluentValidation;
using MarketData.Application.Assets;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.History;

/// <summary>Daily bars of one tracked symbol between two dates (inclusive; the last year by default, at most ten).</summary>
public sealed record GetHistory(string Symbol, DateOnly From, DateOnly To) : IRequest<Result<HistoryView>>;

internal sealed class GetHistoryValidator : AbstractValidator<GetHistory>
{
    public GetHistoryValidator()
    {
        RuleFor(r => r.Symbol).ValidSymbol().OverridePropertyName("symbol");
        RuleFor(r => r).Custom((r, context) =>
        {
            foreach (var (field, messages) in DateRange.Check(r.From, r.To))
            {
                context.AddFailure(field, messages[0]);
            }
        });
    }
}

internal sealed class GetHistoryHandler(MarketDataDb db) : IRequestHandler<GetHistory, Result<HistoryView>>
{
    public async Task<Result<HistoryView>> Handle(GetHistory request, CancellationToken cancellationToken)
    {
        var symbol = Symbols.Normalize(request.Symbol)!;
        var asset = await db.Assets.AsNoTracking().Where(a => a.Symbol == symbol).Select(a => new { a.Id, a.Currency }).SingleOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return MarketDataErrors.NotTracked(symbol);
        }

        // The (asset_id, date) key and the yearly partitions: a year of one symbol is one index range in one partition.
        var bars = await db.Bars.AsNoTracking()
            .Where(b => b.AssetId == asset.Id && b.Date >= request.From && b.Date <= request.To)
            .OrderBy(b => b.Date)
            .Select(b => new BarView(b.Date, b.Open, b.High, b.Low, b.Close, b.AdjustedClose, b.Volume))
            .ToListAsync(cancellationToken);
        return new HistoryView(symbol, asset.Currency, request.From, request.To, bars);
    }
}
