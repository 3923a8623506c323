using FluentValidation;
using MarketData.Application.Persistence;
using MarketData.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.SharedKernel;

namespace MarketData.Application.Fx;

/// <summary>
/// The rate of <c>base</c> in <c>quote</c> on a date (the latest stored day on or before it): a
/// stored pair, its inverse, or a cross through USD. <see cref="FxRateView.Date"/> is the day the
/// rate is from, which is earlier than asked for over weekends.
/// </summary>
public sealed record GetFxRate(string? Base, string? Quote, DateOnly? Date) : IRequest<Result<FxRateView>>;

public sealed record FxRateView(string Base, string Quote, DateOnly Date, decimal Rate, string Source);

internal sealed class GetFxRateValidator : AbstractValidator<GetFxRate>
{
    public GetFxRateValidator()
    {
        RuleFor(r => r.Base).Must(Symbols.IsCurrency).WithMessage("Required: an ISO 4217 code such as EUR.").OverridePropertyName("base");
        RuleFor(r => r.Quote).Must(Symbols.IsCurrency).WithMessage("Required: an ISO 4217 code such as USD.").OverridePropertyName("quote");
    }
}

internal sealed class GetFxRateHandler(MarketDataDb db, TimeProvider clock) : IRequestHandler<GetFxRate, Result<FxRateView>>
{
    private const string Usd = "USD";

    public async Task<Result<FxRateView>> Handle(GetFxRate request, CancellationToken cancellationToken)
    {
        var (baseCurrency, quoteCurrency) = (request.Base!, request.Quote!);
        var date = request.Date ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (baseCurrency == quoteCurrency)
        {
            return new FxRateView(baseCurrency, quoteCurrency, date, 1m, "identity");
        }

        if (await UsdPerUnitAsync(baseCurrency, date, cancellationToken) is not { } baseInUsd
            || await UsdPerUnitAsync(quoteCurrency, date, cancellationToken) is not { } quoteInUsd)
        {
            return MarketDataErrors.NoFxRate(baseCurrency, quoteCurrency, date);
        }

        var source = baseCurrency == Usd || quoteCurrency == Usd ? "direct" : "crossUsd";
        // Ten decimals: a rate is a ratio, and rounding it to cents would move converted amounts.
        var rate = decimal.Round(baseInUsd.Rate / quoteInUsd.Rate, 10, MidpointRounding.ToEven);
        var asOf = baseInUsd.Date < quoteInUsd.Date ? baseInUsd.Date : quoteInUsd.Date;
        return new FxRateView(baseCurrency, quoteCurrency, asOf, rate, source);
    }

    // USD per unit of the currency, from whichever of XXXUSD or USDXXX is stored.
    private async Task<(decimal Rate, DateOnly Date)?> UsdPerUnitAsync(string currency, DateOnly date, CancellationToken cancellationToken)
    {
        if (currency == Usd)
        {
            return (1m, date);
        }

        var row = await db.FxRates.AsNoTracking()
            .Where(r => r.Date <= date && ((r.BaseCurrency == currency && r.QuoteCurrency == Usd) || (r.BaseCurrency == Usd && r.QuoteCurrency == currency)))
            .OrderByDescending(r => r.Date)
            .FirstOrDefaultAsync(cancellationToken);
        return row switch
        {
            null => null,
            { BaseCurrency: Usd } when row.Rate > 0 => (1m / row.Rate, row.Date),
            { BaseCurrency: Usd } => null,
            _ => (row.Rate, row.Date),
        };
    }
}
