using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using Identity.Application.Persistence;
using Identity.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Platform.Persistence;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Identity.Application.Settings;

/// <summary>
/// JSON Merge Patch (RFC 7396) of the signed-in user's settings: members present replace, absent ones
/// stay, <c>null</c> puts a setting back to its default. The merged settings are validated as a whole,
/// so quiet hours patched one end at a time are checked with the other end they will have.
/// </summary>
/// <param name="ExpectedVersion">The If-Match version; null for <c>*</c>. Version 0 is the unsaved defaults.</param>
public sealed record ChangeUserSettings(uint? ExpectedVersion, JsonObject Patch) : IRequest<Result<UserSettingsView>>;

/// <summary>The settings as the client writes them: text where a bad value must be reported by field rather than as unreadable JSON.</summary>
internal sealed record UserSettingsInput(string? TimeZone, Guid? DefaultPortfolioId, AlertDeliveryInput? AlertDelivery)
{
    public static UserSettingsInput From(UserSettingsView view) => new(
        view.TimeZone,
        view.DefaultPortfolioId,
        new AlertDeliveryInput(
            view.AlertDelivery.InApp,
            view.AlertDelivery.Email,
            EnumText.Name(view.AlertDelivery.MinimumSeverity),
            view.AlertDelivery.QuietHours is { } quiet ? new QuietHoursInput(quiet.Start, quiet.End) : null));

    public Domain.AlertDelivery ToAlertDelivery()
    {
        var fallback = Domain.AlertDelivery.Default;
        return new Domain.AlertDelivery(
            AlertDelivery?.InApp ?? fallback.InApp,
            AlertDelivery?.Email ?? fallback.Email,
            EnumText.Parse<AlertSeverity>(AlertDelivery?.MinimumSeverity) ?? fallback.MinimumSeverity,
            AlertDelivery?.QuietHours is { Start: { } start, End: { } end } ? new QuietHours(UserSettingsRules.Time(start), UserSettingsRules.Time(end)) : null);
    }
}

internal sealed record AlertDeliveryInput(bool? InApp, bool? Email, string? MinimumSeverity, QuietHoursInput? QuietHours);

internal sealed record QuietHoursInput(string? Start, string? End);

internal sealed class UserSettingsInputValidator : AbstractValidator<UserSettingsInput>
{
    public UserSettingsInputValidator()
    {
        RuleFor(s => s.TimeZone!)
            .MaximumLength(UserSettings.TimeZoneMaxLength).SingleLineText()
            .Must(UserSettingsRules.IsIanaTimeZone).WithMessage("An IANA time zone id, such as Europe/London or America/New_York.")
            .When(s => s.TimeZone is not null)
            .OverridePropertyName("timeZone");
        RuleFor(s => s.DefaultPortfolioId)
            .NotEqual(Guid.Empty).WithMessage("A portfolio id, not the empty id.")
            .OverridePropertyName("defaultPortfolioId");
        RuleFor(s => s.AlertDelivery!.MinimumSeverity)
            .Must(severity => severity is null || (severity.Trim() == severity && EnumText.Parse<AlertSeverity>(severity) is not null))
            .WithMessage($"One of {EnumText.Names<AlertSeverity>()}.")
            .When(s => s.AlertDelivery is not null)
            .OverridePropertyName("alertDelivery.minimumSeverity");
        RuleFor(s => s.AlertDelivery!.QuietHours!.Start)
            .Must(UserSettingsRules.IsTime).WithMessage(UserSettingsRules.TimeRule)
            .When(s => s.AlertDelivery?.QuietHours is not null)
            .OverridePropertyName("alertDelivery.quietHours.start");
        RuleFor(s => s.AlertDelivery!.QuietHours!.End)
            .Must(UserSettingsRules.IsTime).WithMessage(UserSettingsRules.TimeRule)
            .NotEqual(s => s.AlertDelivery!.QuietHours!.Start).WithMessage("Quiet hours must end at another time than they start.")
            .When(s => s.AlertDelivery?.QuietHours is not null)
            .OverridePropertyName("alertDelivery.quietHours.end");
    }
}

internal static partial class UserSettingsRules
{
    public const string TimeRule = "A time of day as HH:mm (00:00 to 23:59); quiet hours need both start and end.";

    // Letters, digits and "_+-" in "/"-separated parts: the shape of IANA ids, and never a path outside the zone database.
    [GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex IanaShape();

    /// <summary>Known to the system's zone database under its IANA id (a Windows id such as "GMT Standard Time" is refused).</summary>
    public static bool IsIanaTimeZone(string id) =>
        IanaShape().IsMatch(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && zone.Id == id;

    public static bool IsTime(string? text) =>
        text is not null && TimeOnly.TryParseExact(text, QuietHoursView.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static TimeOnly Time(string text) => TimeOnly.ParseExact(text, QuietHoursView.TimeFormat, CultureInfo.InvariantCulture);
}

internal sealed class ChangeUserSettingsHandler(IdentityDb db, ICurrentUser currentUser, IValidator<UserSettingsInput> validator)
    : IRequestHandler<ChangeUserSettings, Result<UserSettingsView>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Result<UserSettingsView>> Handle(ChangeUserSettings request, CancellationToken cancellationToken)
    {
        if (currentUser.UserId is not { } userId)
        {
            return UserSettingsErrors.NotAUser;
        }

        var settings = await db.UserSettings.SingleOrDefaultAsync(s => s.Id == userId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != (settings?.Version ?? 0))
        {
            return UserSettingsErrors.Stale;
        }

        var input = Merge(UserSettingsView.From(settings ?? UserSettings.Defaults(userId)), request.Patch);
        if (!input.IsSuccess)
        {
            return input.Error!;
        }

        var validation = await validator.ValidateAsync(input.Value, cancellationToken);
        if (!validation.IsValid)
        {
            return Error.Validation(validation.Errors
                .GroupBy(failure => failure.PropertyName)
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray()));
        }

        if (settings is null)
        {
            // A token whose subject looks like a user id but names no user (a client configured with a GUID id).
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                return UserSettingsErrors.NotAUser;
            }

            settings = UserSettings.Defaults(userId);
            db.UserSettings.Add(settings);
        }

        settings.Change(input.Value.TimeZone ?? UserSettings.DefaultTimeZone, input.Value.DefaultPortfolioId, input.Value.ToAlertDelivery());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException conflict) when (conflict is DbUpdateConcurrencyException || conflict.IsUniqueViolation())
        {
            // Another change (or the first save of another request) landed between our read and this write.
            return UserSettingsErrors.Stale;
        }

        return UserSettingsView.From(settings);
    }

    private static Result<UserSettingsInput> Merge(UserSettingsView current, JsonObject patch)
    {
        var unknown = UnknownMembers(patch, typeof(UserSettingsInput), "").ToList();
        if (unknown.Count > 0)
        {
            return Error.Validation(unknown.ToDictionary(name => name, _ => new[] { "Not a setting." }, StringComparer.Ordinal));
        }

        var merged = MergePatch(JsonSerializer.SerializeToNode(UserSettingsInput.From(current), Json), patch);
        try
        {
            return merged.Deserialize<UserSettingsInput>(Json)!;
        }
        catch (JsonException wrongType)
        {
            var field = wrongType.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "patch";
            return Error.Validation(new Dictionary<string, string[]> { [field] = ["Wrong type for this field."] });
        }
    }

    /// <summary>RFC 7396 section 2: objects merge member by member, null removes, anything else replaces.</summary>
    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? targetObject.DeepClone().AsObject() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = MergePatch(result[name], value);
            }
        }

        return result;
    }

    // Member names as the API spells them, exactly: "TimeZone" is not "timeZone".
    private static IEnumerable<string> UnknownMembers(JsonObject patch, Type input, string prefix)
    {
        var members = input.GetProperties().ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyType, StringComparer.Ordinal);
        foreach (var (name, value) in patch)
        {
            if (!members.TryGetValue(name, out var type))
            {
                yield return prefix + name;
            }
            else if (value is JsonObject nested && type.IsClass && type != typeof(string))
            {
                foreach (var inner in UnknownMembers(nested, type, $"{prefix}{name}."))
                {
                    yield return inner;
                }
            }
        }
    }
}
