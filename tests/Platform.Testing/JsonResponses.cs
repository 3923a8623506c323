using System.Text.Json;
using NUnit.Framework;

namespace Platform.Testing;

/// <summary>Reading a successful JSON answer in a test: the status and body are in the failure message when it is not one.</summary>
public static class JsonResponses
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadJsonAsync();
    }
}
