using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Operations.Tests;

/// <summary>
/// The alert rules (deploy/prometheus/alert-rules.yml) and the dashboard (deploy/grafana/platform-dashboard.json)
/// read only metrics that exist: names from exported-metrics.txt, itself captured from live /metrics output,
/// and the service's share of it checked again against a running loans service.
/// </summary>
public sealed partial class MonitoringTests
{
    private static readonly string Rules = Path.Combine(TestEnvironment.RepoRoot, "deploy/prometheus/alert-rules.yml");
    private static readonly string Dashboard = Path.Combine(TestEnvironment.RepoRoot, "deploy/grafana/platform-dashboard.json");

    [Test]
    public void AlertRules_ReadOnlyExportedMetrics()
    {
        var expressions = RuleExpressions();
        Assert.That(expressions, Has.Count.GreaterThanOrEqualTo(8), "one expression per alert");
        AssertAllExported(expressions);
    }

    [Test]
    public void MetricNames_AreReadFromAnExpression_WithoutFunctionsLabelsStringsOrDurations()
    {
        const string Expression = """
            sum by (job, le) (rate(http_server_request_duration_seconds_bucket{job=~"$job", http_route!~"a_b|up"}[$__rate_interval]))
            / on (job) group_left max(db_client_connection_max offset 5m) > 0.8 and redis_up == bool 0 unless absent(up)
            """;

        Assert.That(MetricNames.In(Expression), Is.EquivalentTo(new[] { "http_server_request_duration_seconds_bucket", "db_client_connection_max", "redis_up", "up" }));
    }

    [Test]
    public void Dashboard_IsAGrafanaDashboard_ReadingOnlyExportedMetrics()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = document.RootElement;
        Assert.That(root.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(root.GetProperty("uid").GetString(), Does.Match("^[a-zA-Z0-9_-]{1,40}$"));
        Assert.That(root.GetProperty("schemaVersion").GetInt32(), Is.GreaterThanOrEqualTo(36));
        var datasourceVariables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(variable => variable.GetProperty("type").GetString() == "datasource")
            .Select(variable => "${" + variable.GetProperty("name").GetString() + "}")
            .ToHashSet();
        Assert.That(datasourceVariables, Is.Not.Empty, "the Prometheus data source is chosen on import, not hard-coded");

        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.That(panels, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(panels.Select(panel => panel.GetProperty("id").GetInt32()), Is.Unique, "panel ids");
        var expressions = new List<string>();
        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.That(panel.GetProperty("type").GetString(), Is.AnyOf("timeseries", "stat", "gauge", "table", "row", "bargauge"), title);
            var grid = panel.GetProperty("gridPos");
            Assert.That(grid.GetProperty("w").GetInt32() is > 0 and <= 24 && grid.GetProperty("h").GetInt32() > 0, Is.True, title);
            if (panel.GetProperty("type").GetString() == "row")
            {
                continue;
            }

            Assert.That(panel.GetProperty("datasource").GetProperty("uid").GetString(), Is.AnyOf([.. datasourceVariables]), title);
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.That(targets, Is.Not.Empty, title);
            Assert.That(targets.Select(target => target.GetProperty("refId").GetString()), Is.Unique, title);
            expressions.AddRange(targets.Select(target => target.GetProperty("expr").GetString()!));
        }

        AssertAllExported(expressions);
    }

    [Test]
    public async Task Promtool_AcceptsTheAlertRules()
    {
        // The script installs Debian's prometheus package (promtool) when it is missing, which needs root.
        if (!File.Exists("/usr/bin/promtool") && Environment.UserName != "root")
        {
            Assert.Ignore("promtool is not installed (Debian package prometheus) and only root may install it.");
        }

        var (exitCode, output) = await RepoScript.RunAsync("deploy/ops/check-monitoring.sh", [], timeout: TimeSpan.FromMinutes(5));
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("SUCCESS"));
    }

    [Test]
    public void MetricsExportedOnlyOnAnEvent_AreInstrumentsDeclaredInTheCode()
    {
        var onEvent = MetricNames.Exported()["service-on-event"];
        Assert.That(onEvent, Is.Not.Empty);
        foreach (var (name, source) in onEvent)
        {
            // "<file> <instrument name>": the file must still declare that instrument.
            var parts = source.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(parts, Has.Length.EqualTo(2), name);
            Assert.That(File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, parts[0])), Does.Contain($"\"{parts[1]}\""), name);
            Assert.That(name, Does.StartWith(parts[1].Replace('.', '_')), "Prometheus name of the instrument");
        }
    }

    /// <summary>
    /// Writes the loans service's /metrics after a booking round trip to .run/metrics/loans.txt (the
    /// [service] section of exported-metrics.txt is refreshed from it) and checks that every service
    /// metric the rules and the dashboard read is among them.
    /// </summary>
    [Test]
    public async Task Loans_AfterABookingRoundTrip_ExportsEveryServiceMetricTheRulesAndTheDashboardRead()
    {
        await using var database = await ScratchDatabase.CreateAsync("loans");
        await using var host = new LoansHost(database.ConnectionString);
        var booking = await host.SubmitBookingAsync();
        using var anonymous = host.CreateClient();
        await anonymous.GetAsync("/api/v1/loan-bookings");
        await Polling.UntilAsync(
            () => Database.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM loans.outbox_messages WHERE published_at IS NULL"),
            pending => pending == 0, "the outbox published", TimeSpan.FromSeconds(20));

        var text = await Polling.UntilAsync(
            () => anonymous.GetStringAsync("/metrics"), body => body.Contains("platform_messaging_published", StringComparison.Ordinal),
            "the publish counter on /metrics", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
        var capture = Path.Combine(TestEnvironment.RunDirectory, "metrics", "loans.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(capture)!);
        await File.WriteAllTextAsync(capture, text);

        var exported = MetricNames.InExposition(text);
        var service = MetricNames.Exported()["service"].Keys.ToHashSet();
        var read = RuleExpressions().Concat(DashboardExpressions()).SelectMany(MetricNames.In).Where(service.Contains).ToHashSet();
        Assert.That(read, Is.Not.Empty);
        Assert.That(read.Except(exported), Is.Empty, $"read by the rules or the dashboard but not on loans' /metrics (captured in {capture}); booking {booking.GetProperty("id")}");
    }

    private static void AssertAllExported(IEnumerable<string> expressions)
    {
        var known = MetricNames.Exported().Values.SelectMany(section => section.Keys).ToHashSet();
        var used = expressions.SelectMany(MetricNames.In).ToHashSet();
        Assert.That(used, Is.Not.Empty);
        Assert.That(used.Except(known), Is.Empty, "metrics nothing exports (tests/Operations.Tests/exported-metrics.txt)");
    }

    /// <summary>The <c>expr:</c> of every rule, folded block scalars (<c>expr: |</c>) included.</summary>
    private static List<string> RuleExpressions()
    {
        var expressions = new List<string>();
        var lines = File.ReadAllLines(Rules);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var value = match.Groups["value"].Value.Trim();
            if (value is "|" or ">" or "|-" or ">-")
            {
                var indent = match.Groups["indent"].Value.Length;
                var block = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].TakeWhile(char.IsWhiteSpace).Count() > indent))
                {
                    block.Add(lines[++i]);
                }

                value = string.Join('\n', block);
            }

            expressions.Add(value.Trim('\'', '"'));
        }

        return expressions;
    }

    private static IEnumerable<string> DashboardExpressions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Dashboard));
        return document.RootElement.GetProperty("panels").EnumerateArray()
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    [GeneratedRegex(@"^(?<indent>\s*)expr:\s*(?<value>.*)$")]
    private static partial Regex ExprLine();
}
