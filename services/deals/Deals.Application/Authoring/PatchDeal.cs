using System.Text.Json.Nodes;
using System.Text.Json;
using Deals.Application.Csv;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Application.Tickers;
using Deals.Domain;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>
/// JSON Merge Patch (RFC 7396) of a deal's terms: members present replace, <c>null</c> clears, absent
/// ones stay. The patched terms then go through the same rules and workflow as a full update.
/// </summary>
public sealed record PatchDeal(Guid DealId, uint? ExpectedVersion, JsonObject Patch) : IRequest<Result<DealView>>;

// The HTTP body options: the patched input is read exactly as POST's body is, converters included.
internal sealed class PatchDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock, IOptions<JsonOptions> http, TickerVerification tickers) : IRequestHandler<PatchDeal, Result<DealView>>
{
    private static readonly HashSet<string> Editable = typeof(DealInput).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);

    public async Task<Result<DealView>> Handle(PatchDeal request, CancellationToken cancellationToken)
    {
        var notEditable = request.Patch.Select(member => member.Key).Where(name => !Editable.Contains(name)).ToList();
        if (notEditable.Count > 0)
        {
            return DealErrors.Invalid(notEditable.ToDictionary(name => name, _ => new[] { "Not an editable field of a deal." }, StringComparer.Ordinal));
        }

        return await db.ChangeAsync(user, request.DealId, request.ExpectedVersion, (deal, actor) =>
        {
            var terms = Merge(deal.Terms, request.Patch, http.Value.SerializerOptions);
            return terms.IsSuccess ? deal.Update(terms.Value, actor, clock.GetUtcNow()) : terms.Error!;
        }, cancellationToken, tickers);
    }

    private static Result<DealTerms> Merge(DealTerms current, JsonObject patch, JsonSerializerOptions json)
    {
        var merged = JsonSerializer.SerializeToNode(DealInput.From(current), json)!.AsObject();
        foreach (var (name, value) in patch)
        {
            merged[name] = value?.DeepClone();
        }

        try
        {
            return merged.Deserialize<DealInput>(json)!.ToTerms();
        }
        catch (JsonException wrongType)
        {
            var field = wrongType.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "patch";
            return DealErrors.Invalid(new Dictionary<string, string[]> { [field] = ["Wrong type for this field."] });
        }
    }
}
