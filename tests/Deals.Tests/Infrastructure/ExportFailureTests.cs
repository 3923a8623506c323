using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Deals.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.SharedKernel;
using Platform.Testing;

namespace Deals.Tests.Infrastructure;

/// <summary>
/// A CSV export whose database read fails: before anything was sent the client gets a problem, never a
/// 200 with a cut-off file; once rows were sent the failure is logged and the response aborted, so the
/// client sees a broken download rather than a short file that looks complete.
/// </summary>
[NonParallelizable]
public sealed class ExportFailureTests
{
    private const int Rows = 150;

    private readonly FailingDealReads _reads = new();
    private readonly ErrorLog _log = new();
    private DealsApiFactory _api = null!;
    private HttpClient _analyst = null!;
    private string _ticker = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = DealsService.CreateFactory(services: services =>
        {
            services.ConfigureDbContext<DealsDb>(options => options.AddInterceptors(_reads));
            services.AddSingleton<ILoggerProvider>(_log);
        });
        _analyst = _api.ClientFor(out _, PlatformRoles.Analyst);

        // Enough rows that the CSV outgrows the export's write buffer, so the response has started
        // long before the last row is read.
        _ticker = "X" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        var notes = new string('n', 600);
        var csv = "name,type,targetName,targetTicker,announcedOn,currency,dealValue,analystNotes\r\n"
            + string.Concat(Enumerable.Range(1, Rows).Select(i => $"Export deal {i},merger,Target {i},{_ticker},2026-02-01,USD,{i}000,{notes}\r\n"));
        var imported = await (await _analyst.PostAsync("/api/v1/deals/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).ReadJsonAsync();
        Assert.That(imported.GetProperty("imported").GetInt32(), Is.EqualTo(Rows));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _analyst.Dispose();
        await _api.DisposeAsync();
    }

    [TestCase(0)]
    [TestCase(2)]
    public async Task Export_WhenTheDatabaseFailsBeforeAnythingWasSent_IsA503Problem_NotATruncatedFile(int rowsBeforeFailure)
    {
        _reads.Arm(rowsBeforeFailure);
        var response = await _analyst.GetAsync($"/api/v1/deals/export?ticker={_ticker}", HttpCompletionOption.ResponseHeadersRead);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service.unavailable");
    }

    [Test]
    public async Task Export_WhenTheDatabaseFailsMidStream_AbortsTheResponse_AndLogsTheFailure()
    {
        _reads.Arm(Rows - 10);
        var response = await _analyst.GetAsync($"/api/v1/deals/export?ticker={_ticker}", HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the failure comes after the response started");

        Assert.That(async () => await response.Content.ReadAsStringAsync(), Throws.InstanceOf<Exception>(), "a cut-off export must not end like a complete one");
        Assert.That(_log.Errors, Has.Some.Matches<(string Message, Exception? Exception)>(entry => entry.Message.Contains("export", StringComparison.OrdinalIgnoreCase)
            && entry.Exception is Npgsql.NpgsqlException), string.Join("\n", _log.Errors.Select(e => e.Message)));
    }

    [Test]
    public async Task Export_AfterAFailure_WorksAgain()
    {
        var csv = await (await _analyst.GetAsync($"/api/v1/deals/export?ticker={_ticker}")).Content.ReadAsStringAsync();
        Assert.That(csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(Rows + 1));
    }

    /// <summary>Keeps what the service logs at Error and above.</summary>
    private sealed class ErrorLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Message, Exception? Exception)> _errors = new();

        public IReadOnlyCollection<(string Message, Exception? Exception)> Errors => [.. _errors];

        public ILogger CreateLogger(string categoryName) => new Logger(_errors);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(string, Exception?)> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue((formatter(state, exception), exception));
                }
            }
        }
    }
}
