using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Persistence;

/// <summary>
/// Enums stored as the API spells them (<c>pendingReview</c>), so SQL, JSON, audit rows and
/// hand-written index filters all read the same words; reading is case-insensitive, so rows written
/// before the convention still load.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()),
    text => Enum.Parse<TEnum>(text, true))
    where TEnum : struct, Enum;
