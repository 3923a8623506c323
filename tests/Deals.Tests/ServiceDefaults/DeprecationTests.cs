using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Http;

namespace Deals.Tests.ServiceDefaults;

/// <summary><see cref="DeprecationExtensions.Deprecated{TBuilder}"/> on a tiny host: headers on every response, and the OpenAPI flag.</summary>
public sealed class DeprecationTests
{
    private static readonly DateTimeOffset DeprecatedOn = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Sunset = new(2026, 9, 1, 12, 30, 0, TimeSpan.Zero);

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.UseExceptionHandler();
        _app.MapGet("/v1/widgets", () => "old").Deprecated(DeprecatedOn, Sunset, "https://docs.example.test/widgets-v2");
        _app.MapGet("/v1/gadgets", IResult () => throw new InvalidOperationException("boom")).Deprecated(DeprecatedOn, Sunset, null);
        _app.MapGet("/v2/widgets", () => "new");
        _app.MapOpenApi("/openapi/{documentName}.json");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task DeprecatedRoute_AnnouncesDeprecationSunsetAndLink()
    {
        using var response = await _client.GetAsync("/v1/widgets");

        Assert.Multiple(() =>
        {
            Assert.That(response.IsSuccessStatusCode, Is.True);
            Assert.That(response.Headers.GetValues("Deprecation").Single(), Is.EqualTo("@1772323200"));
            Assert.That(response.Headers.GetValues("Sunset").Single(), Is.EqualTo("Tue, 01 Sep 2026 12:30:00 GMT"));
            Assert.That(response.Headers.GetValues("Link").Single(), Is.EqualTo("<https://docs.example.test/widgets-v2>; rel=\"deprecation\""));
        });
    }

    [Test]
    public async Task DeprecatedRoute_AnnouncesItOnFailuresToo_AndWithoutALinkSendsNone()
    {
        using var response = await _client.GetAsync("/v1/gadgets");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(500));
            Assert.That(response.Headers.Contains("Deprecation"), Is.True);
            Assert.That(response.Headers.Contains("Sunset"), Is.True);
            Assert.That(response.Headers.Contains("Link"), Is.False);
        });
    }

    [Test]
    public async Task CurrentRoute_HasNoDeprecationHeaders()
    {
        using var response = await _client.GetAsync("/v2/widgets");

        Assert.That(response.Headers.Contains("Deprecation") || response.Headers.Contains("Sunset"), Is.False);
    }

    [Test]
    public async Task OpenApi_MarksOnlyTheDeprecatedOperations()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        bool Deprecated(string path) =>
            paths.GetProperty(path).GetProperty("get").TryGetProperty("deprecated", out var flag) && flag.GetBoolean();

        Assert.Multiple(() =>
        {
            Assert.That(Deprecated("/v1/widgets"), Is.True);
            Assert.That(Deprecated("/v1/gadgets"), Is.True);
            Assert.That(Deprecated("/v2/widgets"), Is.False);
            Assert.That(paths.GetProperty("/v1/widgets").GetProperty("get").GetProperty("description").GetString(), Does.Contain("removed after 2026-09-01"));
        });
    }
}
