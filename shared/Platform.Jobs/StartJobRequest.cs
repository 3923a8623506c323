using System.Text.Json;

namespace Platform.Jobs;

/// <summary>The optional body of <c>POST …/jobs/{type}</c>: the business date and the handler's parameters.</summary>
public sealed record StartJobRequest(DateOnly? BusinessDate, JsonElement? Parameters);
