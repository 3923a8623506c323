using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.SharedKernel;

namespace Deals.Application.Authoring;

/// <summary>
/// An enum field of a deal's input, read one way whoever reads it (POST's body binding, PATCH's merge):
/// a JSON string naming a member, in any case. Numbers, and the strings <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// would also accept (digits, padded names, comma-joined names), are refused, so no client can store a
/// value it never named. Written as the API spells it: the camelCase name.
/// </summary>
public sealed class EnumNameConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && text.Trim().Length == text.Length && EnumText.Parse<T>(text) is { } value
            ? value
            : throw new JsonException($"One of {EnumText.Names<T>()}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(EnumText.Name(value));
}
