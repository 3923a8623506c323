using System.Text.Json;
using NUnit.Framework;

namespace Platform.Testing;

/// <summary>
/// A service's own OpenAPI document (<c>/openapi/v1.json</c>) used as the contract its real responses
/// must keep: the status code is documented for the operation, the content type is one the operation
/// declares for it, and the body has every property the documented schema requires. Loading it also
/// writes it to <c>.run/openapi/&lt;service&gt;.json</c>, where <c>deploy/local/openapi-lint.sh</c> lints it.
/// </summary>
public sealed class OpenApiContract
{
    public const string DocumentPath = "/openapi/v1.json";

    private const int MaxDepth = 16;

    private readonly JsonElement _document;

    private OpenApiContract(JsonElement document) => _document = document;

    public JsonElement Document => _document;

    /// <summary>Where the lint script looks for the documents the contract tests wrote.</summary>
    public static string DumpDirectory => Path.Combine(TestEnvironment.RepoRoot, ".run", "openapi");

    public static async Task<OpenApiContract> LoadAsync(HttpClient client, string service)
    {
        using var response = await client.GetAsync(DocumentPath);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{DocumentPath}: {(int)response.StatusCode} {text}");
        Directory.CreateDirectory(DumpDirectory);
        await File.WriteAllTextAsync(Path.Combine(DumpDirectory, service + ".json"), text);
        return new OpenApiContract(JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>
    /// The rules a client generator relies on, over every operation: a unique operationId, a summary,
    /// an explicit security requirement (empty for anonymous operations), 4xx responses as problem+json
    /// and a description for each tag.
    /// </summary>
    /// <param name="otherErrorFormats">Operation ids whose 4xx responses deliberately have another format (RFC 6749's token errors).</param>
    public void AssertWellFormed(params string[] otherErrorFormats)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var described = _document.TryGetProperty("tags", out var tags)
            ? tags.EnumerateArray().Where(tag => tag.TryGetProperty("description", out _)).Select(tag => tag.GetProperty("name").GetString()).ToHashSet()
            : [];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearerAuth", out _), Is.True, "bearerAuth scheme");
            foreach (var (label, operation) in Operations())
            {
                var id = operation.TryGetProperty("operationId", out var value) ? value.GetString() : null;
                Assert.That(id, Is.Not.Null.And.Match("^[a-z][A-Za-z0-9]*$"), $"{label}: camelCase operationId");
                Assert.That(id is null || ids.Add(id), Is.True, $"{label}: operationId '{id}' is not unique");
                Assert.That(operation.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 }, Is.True, $"{label}: summary");
                Assert.That(operation.TryGetProperty("security", out _), Is.True, $"{label}: security (empty for anonymous operations)");
                foreach (var tag in operation.TryGetProperty("tags", out var used) ? used.EnumerateArray().Select(tag => tag.GetString()) : [])
                {
                    Assert.That(described, Does.Contain(tag), $"{label}: tag '{tag}' has a description");
                }

                foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')))
                {
                    var problem = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _);
                    Assert.That(problem || otherErrorFormats.Contains(id), Is.True, $"{label}: {response.Name} is application/problem+json");
                }
            }
        }
    }

    /// <summary>Asserts that <paramref name="response"/> is one its operation documents, and returns the body text.</summary>
    public async Task<string> AssertConformsAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage ?? throw new InvalidOperationException("The response carries no request.");
        var method = request.Method.Method.ToLowerInvariant();
        var path = request.RequestUri!.AbsolutePath;
        var text = await response.Content.ReadAsStringAsync();
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var label = $"{method.ToUpperInvariant()} {path} -> {status}";

        var template = MatchPath(path);
        Assert.That(template, Is.Not.Null, $"{label}: no documented path matches");
        Assert.That(_document.GetProperty("paths").GetProperty(template!).TryGetProperty(method, out var operation), Is.True, $"{label}: method not documented on {template}");

        var responses = operation.GetProperty("responses");
        var documented = responses.TryGetProperty(status, out var byStatus) ? byStatus
            : responses.TryGetProperty(status[0] + "XX", out var byRange) ? byRange
            : default;
        Assert.That(documented.ValueKind, Is.EqualTo(JsonValueKind.Object),
            $"{label}: status not documented for {template} (documented: {string.Join(", ", responses.EnumerateObject().Select(r => r.Name))}); body: {text}");
        documented = Resolve(documented);

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!documented.TryGetProperty("content", out var content) || !content.EnumerateObject().Any())
        {
            Assert.That(text, Is.Empty, $"{label}: documented without a body but one was sent");
            return text;
        }

        Assert.That(mediaType, Is.Not.Null, $"{label}: no content type, documented: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}");
        Assert.That(content.TryGetProperty(mediaType!, out var media), Is.True,
            $"{label}: content type {mediaType} not documented (documented: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))})");
        if (media.TryGetProperty("schema", out var schema) && IsJson(mediaType!))
        {
            var errors = new List<string>();
            Check(schema, JsonDocument.Parse(text).RootElement, "$", errors, 0);
            Assert.That(errors, Is.Empty, $"{label}: body does not match the documented schema; body: {text}");
        }

        return text;
    }

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private IEnumerable<(string Label, JsonElement Operation)> Operations()
    {
        string[] methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var item in path.Value.EnumerateObject().Where(item => methods.Contains(item.Name)))
            {
                yield return ($"{item.Name.ToUpperInvariant()} {path.Name}", item.Value);
            }
        }
    }

    // The most specific template wins: a literal segment beats a {parameter} (…/export before …/{id}).
    private string? MatchPath(string path)
    {
        var segments = path.Trim('/').Split('/');
        return _document.GetProperty("paths").EnumerateObject()
            .Select(candidate => (candidate.Name, Parts: candidate.Name.Trim('/').Split('/')))
            .Where(candidate => candidate.Parts.Length == segments.Length && candidate.Parts
                .Zip(segments)
                .All(pair => (pair.First.StartsWith('{') && pair.First.EndsWith('}')) || string.Equals(pair.First, pair.Second, StringComparison.Ordinal)))
            .OrderByDescending(candidate => candidate.Parts.Count(part => !part.StartsWith('{')))
            .Select(candidate => candidate.Name)
            .FirstOrDefault();
    }

    private JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; hops < MaxDepth && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = _document;
            foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
            }

            element = target;
        }

        return element;
    }

    private void Check(JsonElement schema, JsonElement value, string at, List<string> errors, int depth)
    {
        schema = Resolve(schema);
        if (depth > MaxDepth || schema.ValueKind != JsonValueKind.Object || value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (schema.TryGetProperty("allOf", out var parts))
        {
            foreach (var part in parts.EnumerateArray())
            {
                Check(part, value, at, errors, depth + 1);
            }
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(name => name.GetString()!))
                {
                    if (!value.TryGetProperty(name, out _))
                    {
                        errors.Add($"{at}.{name} is required");
                    }
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var member))
                    {
                        Check(property.Value, member, $"{at}.{property.Name}", errors, depth + 1);
                    }
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{at}[{index++}]", errors, depth + 1);
            }
        }
    }
}
