using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests;

/// <summary>The access log's own stdout path: JSON lines like the console logger's, whole lines per write, never over PIPE_BUF.</summary>
public sealed class AccessLogConsoleTests
{
    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.Length);
            Assert.That(buffer[^1], Is.EqualTo((byte)'\n'), "every write ends a line");
            base.Write(buffer);
        }
    }

    [Test]
    public void Lines_AreWrittenInBatchesOfWholeLines_AndReadAsJson()
    {
        using var output = new RecordingStream();
        using var sink = new AccessLogConsole(output);
        var logger = sink.CreateLogger(AccessLogConsole.Category);

        for (var i = 0; i < 200; i++)
        {
            logger.LogInformation("{Method} {Path} answered {Status} in {DurationMs} ms for {UserId}", "GET", $"/api/v1/deals/{i}", 200, 1.25, i % 2 == 0 ? null : "user-\"quoted\"");
        }

        sink.Flush();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(200));
        Assert.That(output.Writes, Has.All.LessThanOrEqualTo(AccessLogConsole.MaxWriteBytes));
        Assert.That(output.Writes, Has.Count.LessThan(200), "batched, not a write per line");
        var first = JsonDocument.Parse(lines[0]).RootElement;
        var second = JsonDocument.Parse(lines[1]).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("Category").GetString(), Is.EqualTo(AccessLogConsole.Category));
            Assert.That(first.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
            Assert.That(first.GetProperty("Message").GetString(), Is.EqualTo("GET /api/v1/deals/0 answered 200 in 1.25 ms for (null)"));
            Assert.That(first.GetProperty("State").GetProperty("Status").GetInt32(), Is.EqualTo(200));
            Assert.That(first.GetProperty("State").GetProperty("DurationMs").GetDouble(), Is.EqualTo(1.25));
            Assert.That(first.GetProperty("State").GetProperty("UserId").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(second.GetProperty("State").GetProperty("UserId").GetString(), Is.EqualTo("user-\"quoted\""));
            Assert.That(first.GetProperty("Timestamp").GetString(), Does.EndWith("Z"));
        });
    }

    [Test]
    public void ALineOverTheLimit_GoesOutAlone_AndOtherCategoriesAreNotWritten()
    {
        using var output = new RecordingStream();
        using var sink = new AccessLogConsole(output);
        sink.CreateLogger("Some.Other.Category").LogWarning("not an access line");
        var logger = sink.CreateLogger(AccessLogConsole.Category);

        logger.LogInformation("{Path}", "/short");
        logger.LogInformation("{Path}", "/" + new string('x', 6000));
        logger.LogInformation("{Path}", "/after");
        sink.Flush();

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.That(text, Does.Not.Contain("not an access line"));
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("State").GetProperty("Path").GetString()![..6]),
            Is.EqualTo(new[] { "/short", "/xxxxx", "/after" }));
        Assert.That(output.Writes.Count(size => size > AccessLogConsole.MaxWriteBytes), Is.EqualTo(1), "only the long line itself exceeds the limit");
    }
}
