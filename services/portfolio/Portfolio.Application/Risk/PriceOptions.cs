using FluentValidation;
using MediatR;
using Platform.SharedKernel;
using Portfolio.Domain.Pricing;

namespace Portfolio.Application.Risk;

/// <summary>
/// One option to price: with <see cref="Volatility"/> its price and greeks; with <see cref="Price"/> instead, the
/// implied volatility and the greeks at it. Rates and yields are decimals (0.05 = 5%), time in years.
/// </summary>
public sealed record OptionQuoteInput(string? Type, double? Spot, double? Strike, double? TimeToExpiry, double? Rate, double? DividendYield, double? Volatility, double? Price);

public sealed record OptionPricingRequest(IReadOnlyList<OptionQuoteInput?>? Options);

/// <summary>Vega and rho per one percentage point, theta per calendar day; null implied volatility when a volatility was given.</summary>
public sealed record OptionQuoteResult(double Price, double Delta, double Gamma, double Vega, double Theta, double Rho, double? ImpliedVolatility);

public sealed record OptionPricingResponse(IReadOnlyList<OptionQuoteResult> Results);

/// <summary>The option calculator: many options priced at once by the vector kernel, in request order.</summary>
public sealed record PriceOptions(OptionPricingRequest Request) : IRequest<Result<OptionPricingResponse>>;

/// <summary>The request's shape (400); each option's own values are checked by <see cref="OptionEntryRules"/> (422, by index).</summary>
internal sealed class PriceOptionsValidator : AbstractValidator<PriceOptions>
{
    public const int MaxOptions = 10_000;

    public PriceOptionsValidator() =>
        RuleFor(r => r.Request.Options).NotEmpty().WithMessage("Send at least one option.")
            .Must(o => o is null || o.Count <= MaxOptions).WithMessage($"At most {MaxOptions} options per request.").OverridePropertyName("options");
}

/// <summary>What is wrong with each option, keyed <c>options[i].field</c>.</summary>
internal static class OptionEntryRules
{
    public static Dictionary<string, string[]> Problems(IReadOnlyList<OptionQuoteInput?> options)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var prefix = $"options[{i}]";
            if (options[i] is not { } option)
            {
                problems[prefix] = ["Must be an object."];
                continue;
            }

            if (option.Type is not ("call" or "put"))
            {
                problems[$"{prefix}.type"] = ["Must be call or put."];
            }

            Check(problems, $"{prefix}.spot", option.Spot, 1e-9, 1e9, "a positive price up to 1e9");
            Check(problems, $"{prefix}.strike", option.Strike, 1e-9, 1e9, "a positive price up to 1e9");
            Check(problems, $"{prefix}.timeToExpiry", option.TimeToExpiry, 0, 100, "years between 0 and 100");
            Check(problems, $"{prefix}.rate", option.Rate ?? 0, -1, 1, "a decimal rate between -1 and 1 (0.05 = 5%)");
            Check(problems, $"{prefix}.dividendYield", option.DividendYield ?? 0, -1, 1, "a decimal yield between -1 and 1");
            if (option.Volatility is null == option.Price is null)
            {
                problems[$"{prefix}.volatility"] = ["Send either volatility (to price) or price (for the implied volatility), not both or neither."];
            }
            else if (option.Volatility is { } volatility)
            {
                Check(problems, $"{prefix}.volatility", volatility, 0, 10, "a decimal volatility between 0 and 10 (0.2 = 20%)");
            }
            else
            {
                Check(problems, $"{prefix}.price", option.Price, 0, 1e9, "a price between 0 and 1e9");
            }
        }

        return problems;
    }

    private static void Check(Dictionary<string, string[]> problems, string field, double? value, double min, double max, string rule)
    {
        if (value is not { } v || !double.IsFinite(v) || v < min || v > max)
        {
            problems[field] = [$"Must be {rule}."];
        }
    }
}

internal sealed class PriceOptionsHandler : IRequestHandler<PriceOptions, Result<OptionPricingResponse>>
{
    private static readonly Error InvalidOptions = Error.Rule("risk.invalid_options", "Some options cannot be priced; see errors, keyed by their index.");
    private const int MaxReported = 100;

    public Task<Result<OptionPricingResponse>> Handle(PriceOptions request, CancellationToken cancellationToken)
    {
        var inputs = request.Request.Options!;
        var problems = OptionEntryRules.Problems(inputs);
        if (problems.Count > 0)
        {
            return Task.FromResult(Result<OptionPricingResponse>.Fail(InvalidOptions with { FieldErrors = problems.Take(MaxReported).ToDictionary() }));
        }

        var batch = new OptionBatch(inputs.Count) { Count = inputs.Count };
        var implied = new double?[inputs.Count];
        var unsolved = new List<int>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var o = inputs[i]!;
            var right = o.Type == "call" ? OptionRight.Call : OptionRight.Put;
            var (rate, yield) = (o.Rate ?? 0, o.DividendYield ?? 0);
            var volatility = o.Volatility;
            if (volatility is null)
            {
                implied[i] = ImpliedVolatility.Solve(right, o.Spot!.Value, o.Strike!.Value, o.TimeToExpiry!.Value, rate, yield, o.Price!.Value);
                if (implied[i] is null)
                {
                    unsolved.Add(i);
                }

                volatility = implied[i] ?? 0;
            }

            batch.Set(i, new OptionContract(right, o.Spot!.Value, o.Strike!.Value, o.TimeToExpiry!.Value, rate, yield, volatility.Value));
        }

        if (unsolved.Count > 0)
        {
            return Task.FromResult(Result<OptionPricingResponse>.Fail(InvalidOptions with
            {
                FieldErrors = unsolved.Take(MaxReported).ToDictionary(i => $"options[{i}].price",
                    _ => new[] { "No volatility reproduces this price: it is outside the no-arbitrage bounds or the expiry is zero." }),
            }));
        }

        var greeks = new GreeksBatch(inputs.Count);
        GreeksKernels.Best.Evaluate(batch, greeks);
        var results = new OptionQuoteResult[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var g = greeks[i];
            results[i] = new OptionQuoteResult(g.Price, g.Delta, g.Gamma, g.Vega, g.Theta, g.Rho, implied[i]);
        }

        return Task.FromResult(Result<OptionPricingResponse>.Ok(new OptionPricingResponse(results)));
    }
}
