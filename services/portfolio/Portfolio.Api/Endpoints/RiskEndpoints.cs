using MediatR;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Http;
using Platform.SharedKernel;
using Portfolio.Application.Risk;

namespace Portfolio.Api.Endpoints;

/// <summary>
/// Analytics of one portfolio at the service's stored prices (<c>/api/v1/portfolios/{id}/exposures|greeks|factors|performance</c>),
/// recorded risk calculations (<c>/api/v1/risk/portfolios/{id}</c>) and the option calculator (<c>/api/v1/risk/option-pricing</c>).
/// Whoever may read the portfolio may read and calculate its risk.
/// </summary>
internal static class RiskEndpoints
{
    public static void MapRiskEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/v1/portfolios/{portfolioId:guid}").WithTags("Risk").RequireAuthorization(PortfolioPolicies.PortfolioUser);
        var risk = app.MapGroup("/api/v1/risk").WithTags("Risk").RequireAuthorization(PortfolioPolicies.PortfolioUser);

        analytics.MapGet("/exposures", async (Guid portfolioId, HttpContext http, IMediator mediator, CancellationToken ct) => Cached(http, await mediator.Send(new GetExposures(portfolioId), ct)))
            .WithName("getExposures")
            .WithSummary("Gross, net, long, short, notional and delta-adjusted exposure, by position, type, tag, strategy, sector and underlying")
            .WithDescription("In the base currency at the latest stored closes (asOf). Long/short/net/gross are delta-adjusted; notional is |units × spot|. " +
                "Positions without a stored price or FX rate are listed under unpriced and left out of the figures.")
            .Produces<ExposureReport>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        analytics.MapGet("/greeks", async (Guid portfolioId, HttpContext http, IMediator mediator, CancellationToken ct) => Cached(http, await mediator.Send(new GetGreeks(portfolioId), ct)))
            .WithName("getGreeks")
            .WithSummary("Greeks per position and in total, in money of the base currency")
            .WithDescription("Dollar delta, gamma per 1% move (change of dollar delta), vega per volatility point, theta per calendar day, rho per rate point. " +
                "Options: Black-Scholes-Merton with the configured rate and dividend yield and the underlying's realised volatility.")
            .Produces<GreeksReport>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        analytics.MapGet("/factors", async (Guid portfolioId, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetFactors(portfolioId), ct)).ToHttp())
            .WithName("getFactors")
            .WithSummary("Betas to eight factors (ETF proxies) by least squares on daily returns, with R² and the window")
            .WithDescription("market SPY, size IWM, value IVE, growth IVW, momentum MTUM, quality QUAL, low volatility USMV, rates TLT; " +
                "the returns are the current book's daily P&L over the factor window (252 days) on its gross exposure.")
            .Produces<FactorReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        analytics.MapGet("/performance", async (Guid portfolioId, IMediator mediator, CancellationToken ct) => (await mediator.Send(new GetPerformance(portfolioId), ct)).ToHttp())
            .WithName("getPerformance")
            .WithSummary("P&L for the day, month to date, year to date and since inception; volatility, Sharpe, Sortino, max drawdown")
            .Produces<PerformanceReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        risk.MapGet("/portfolios/{portfolioId:guid}", async (Guid portfolioId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetRiskCalculation(portfolioId, null), ct)).ToHttp())
            .WithName("getLatestRisk")
            .WithSummary("The portfolio's latest recorded risk calculation, with its inputs")
            .WithDescription("404 risk.not_calculated before the first calculation.")
            .Produces<RecordedRisk>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        risk.MapGet("/portfolios/{portfolioId:guid}/calculations/{calculationId:guid}", async (Guid portfolioId, Guid calculationId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetRiskCalculation(portfolioId, calculationId), ct)).ToHttp())
            .WithName("getRiskCalculation")
            .WithSummary("One recorded risk calculation, with its inputs")
            .Produces<RecordedRisk>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        risk.MapPost("/portfolios/{portfolioId:guid}/calculate", async (Guid portfolioId, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CalculateRisk(portfolioId), ct)).ToHttp(report =>
                    TypedResults.Created($"/api/v1/risk/portfolios/{portfolioId}/calculations/{report.CalculationId}", report)))
            .WithName("calculateRisk")
            .WithSummary("Calculate and record the portfolio's risk now")
            .WithDescription("Historical VaR and expected shortfall (95%/99%, 1 and 10 days; full revaluation of options over the last 500 daily moves; 10-day by √10), " +
                "delta-normal VaR, statistics, factor betas, and every limit checked. A newly broken limit publishes RiskLimitBreached once; " +
                "PortfolioRiskCalculated carries the 1-day 99% VaR. 422 risk.empty_portfolio or risk.no_prices when there is nothing to value.")
            .Produces<RiskReport>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        risk.MapPost("/option-pricing", async (OptionPricingRequest body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new PriceOptions(body), ct)).ToHttp())
            .WithRequestBodyLimit(OptionPricingMaxBytes)
            .WithName("priceOptions")
            .WithSummary("Price up to 10,000 European options with their greeks, or find implied volatilities")
            .WithDescription("Black-Scholes-Merton with continuous dividend yield. Each option: type call|put, spot, strike, timeToExpiry (years), rate, dividendYield, " +
                "and volatility (0.2 = 20%) or, instead, price (to solve for impliedVolatility). Results in request order; vega and rho per percentage point, theta per calendar day. " +
                "An invalid option is a 422 naming it by index (errors['options[3].strike']).")
            .Produces<OptionPricingResponse>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>10,000 options of about 200 bytes each.</summary>
    private const long OptionPricingMaxBytes = 4 * 1024 * 1024;

    /// <summary>The cached answer as it was serialised, with its ETag; 304 when the client already has that version.</summary>
    private static IResult Cached(HttpContext http, Result<CachedAnalytics> report)
    {
        if (!report.IsSuccess)
        {
            return report.ToHttp();
        }

        if (EntityTags.NotModified(http, report.Value.ETag) is { } notModified)
        {
            return notModified;
        }

        http.Response.Headers.ETag = report.Value.ETag;
        // Figures move with every price: a shared cache may keep them only while it revalidates.
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Bytes(report.Value.Json, "application/json");
    }
}
