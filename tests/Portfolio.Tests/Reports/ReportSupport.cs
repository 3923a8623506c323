using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Csv;
using UglyToad.PdfPig;
using static Portfolio.Tests.TestSupport;

namespace Portfolio.Tests.Reports;

/// <summary>Requesting, following and downloading reports, and reading what they contain.</summary>
internal static class ReportSupport
{
    public static readonly TimeSpan GenerationTimeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RequestReportAsync(this HttpClient client, string kind, string portfolioId, string? from = null, string? to = null)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/reports", new { kind, portfolioId, from, to });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var report = JsonDocument.Parse(text).RootElement.Clone();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/v1/reports/{report.Id()}"));
        return report;
    }

    /// <summary>Follows the report until it is no longer queued or running.</summary>
    public static Task<JsonElement> FinishedAsync(this HttpClient client, string reportId) =>
        Polling.UntilAsync(() => client.GetJsonAsync($"/api/v1/reports/{reportId}"),
            r => r.Str("status") is "succeeded" or "failed", $"report {reportId} to finish", GenerationTimeout, TimeSpan.FromMilliseconds(100));

    public static async Task<JsonElement> GeneratedAsync(this HttpClient client, string kind, string portfolioId)
    {
        var requested = await client.RequestReportAsync(kind, portfolioId);
        var finished = await client.FinishedAsync(requested.Id());
        Assert.That(finished.Str("status"), Is.EqualTo("succeeded"), finished.ToString());
        return finished;
    }

    public static async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(this HttpClient client, string reportId, string format)
    {
        var response = await client.GetAsync($"/api/v1/reports/{reportId}/download?format={format}");
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Downloads a succeeded report's file: 200, an attachment named by kind and id, and the size and SHA-256 its status lists.</summary>
    public static async Task<byte[]> DownloadedAsync(this HttpClient client, JsonElement report, string format)
    {
        var (response, body) = await client.DownloadAsync(report.Id(), format);
        using (response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(format == "pdf" ? "application/pdf" : "text/csv"));
            var disposition = response.Content.Headers.ContentDisposition;
            Assert.That(disposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(disposition?.FileNameStar ?? disposition?.FileName, Is.EqualTo($"{report.Str("kind")}-{Guid.Parse(report.Id()):N}.{format}"));
        }

        var file = report.GetProperty("files").EnumerateArray().Single(f => f.Str("format") == format);
        Assert.That(file.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(body.Length));
        Assert.That(file.Str("sha256"), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))));
        return body;
    }

    /// <summary>The CSV's blocks by title: each a list of records, the first being the column names.</summary>
    public static async Task<Dictionary<string, List<IReadOnlyList<string>>>> CsvBlocksAsync(byte[] csv)
    {
        var blocks = new Dictionary<string, List<IReadOnlyList<string>>>(StringComparer.Ordinal);
        var text = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF');
        foreach (var chunk in text.Split("\r\n\r\n").Skip(1))
        {
            var records = new List<IReadOnlyList<string>>();
            await foreach (var record in CsvReader.ReadAsync(new StringReader(chunk), 10_000))
            {
                records.Add(record.Fields);
            }

            blocks[records[0][0]] = records.Skip(1).ToList();
        }

        return blocks;
    }

    /// <summary>Rows of a block as column name → cell.</summary>
    public static List<Dictionary<string, string>> Rows(this Dictionary<string, List<IReadOnlyList<string>>> blocks, string title)
    {
        var block = blocks.Single(b => b.Key.StartsWith(title, StringComparison.Ordinal)).Value;
        return [.. block.Skip(1).Select(r => block[0].Zip(r).ToDictionary(x => x.First, x => x.Second, StringComparer.Ordinal))];
    }

    public static decimal Dec(this Dictionary<string, string> row, string column) => decimal.Parse(row[column], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Page count, the text of every page, and how many vector paths (lines, rectangles) were drawn.</summary>
    public static (int Pages, string Text, int Paths) ReadPdf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().ToList();
        return (pages.Count, string.Join("\n", pages.Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))), pages.Sum(p => p.Paths.Count));
    }
}
