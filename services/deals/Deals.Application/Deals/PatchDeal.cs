using System.Text.Json;
using System.Text.Json.Nodes;
using Deals.Application.Persistence;
using Deals.Domain;
using MediatR;
using Platform.SharedKernel;

namespace Deals.Application.Deals;

/// <summary>
/// JSON Merge Patch (RFC 7396) of a deal's terms: members present replace, <c>null</c> clears, absent
/// ones stay. The patched terms then go through the same rules and workflow as a full update.
/// </summary>
public sealed record PatchDeal(Guid DealId, uint? ExpectedVersion, JsonObject Patch) : IRequest<Result<DealView>>;

internal sealed class PatchDealHandler(DealsDb db, ICurrentUser user, TimeProvider clock) : IRequestHandler<PatchDeal, Result<DealView>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly HashSet<string> Editable = typeof(DealInput).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);

    public async Task<Result<DealView>> Handle(PatchDeal request, CancellationToken cancellationToken)
    {
        var notEditable = request.Patch.Select(member => member.Key).Where(name => !Editable.Contains(name)).ToList();
        if (notEditable.Count > 0)
        {
            return DealErrors.Invalid(notEditable.ToDictionary(name => name, _ => new[] { "Not an editable field of a deal." }, StringComparer.Ordinal));
        }

        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var deal = await db.LoadForChangeAsync(request.DealId, request.ExpectedVersion, cancellationToken);
        if (!deal.IsSuccess)
        {
            return deal.Error!;
        }

        var merged = JsonSerializer.SerializeToNode(DealInput.From(deal.Value.Terms), Json)!.AsObject();
        foreach (var (name, value) in request.Patch)
        {
            merged[name] = value?.DeepClone();
        }

        DealInput input;
        try
        {
            input = merged.Deserialize<DealInput>(Json)!;
        }
        catch (JsonException wrongType)
        {
            var field = wrongType.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "patch";
            return DealErrors.Invalid(new Dictionary<string, string[]> { [field] = ["Wrong type for this field."] });
        }

        var terms = input.ToTerms();
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        var updated = deal.Value.Update(terms.Value, actor.Value, clock.GetUtcNow());
        return updated.IsSuccess ? await db.SaveAsync(deal.Value, cancellationToken) : updated.Error!;
    }
}
