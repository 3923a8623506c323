using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Platform.Jobs;
using Platform.Storage;
using Portfolio.Application.Batch;
using Portfolio.Application.Persistence;

namespace Portfolio.Application.Snapshots;

/// <summary>
/// <c>retention</c>: snapshots older than <see cref="RetentionParams.KeepDays"/> before the business date are
/// archived, then deleted, in chunks, in one safe order: the gzip JSON-lines document is written to the document
/// store first; only then, in one transaction, the archive row (key, date range, count) is inserted and exactly
/// the archived rows are deleted. A crash in between leaves the rows in place (and at worst an unreferenced
/// document), so the next run archives them again; nothing is deleted that was not archived.
/// </summary>
public sealed class SnapshotRetention(PortfolioDb db, IDocumentStore store, TimeProvider clock, ILogger<SnapshotRetention> logger) : IJobHandler<RetentionParams>
{
    public const int ChunkRows = 20_000;
    public const string ContentType = "application/x-ndjson+gzip";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RunAsync(JobContext<RetentionParams> job, CancellationToken cancellationToken)
    {
        if (!RetentionParams.IsValid(job.Parameters.KeepDays))
        {
            throw new ArgumentOutOfRangeException(nameof(job), $"keepDays: {RetentionParams.KeepDaysRule}");
        }

        var date = job.BusinessDate ?? BatchJobs.Today(clock);
        var cutoff = date.AddDays(-job.Parameters.KeepDays);
        var old = db.Set<PortfolioSnapshotRow>().Where(s => s.BusinessDate <= cutoff);
        job.Progress.SetTotal(await old.CountAsync(cancellationToken));
        while (true)
        {
            var rows = await old.AsNoTracking().OrderBy(s => s.BusinessDate).ThenBy(s => s.PortfolioId).Take(ChunkRows).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }

            await ArchiveAsync(rows, job.JobId, cancellationToken);
            job.Progress.Advance(rows.Count);
        }
    }

    private async Task ArchiveAsync(List<PortfolioSnapshotRow> rows, Guid jobId, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                await JsonSerializer.SerializeAsync(gzip, row, Json, cancellationToken);
                gzip.WriteByte((byte)'\n');
            }
        }

        var bytes = buffer.Length;
        buffer.Position = 0;
        var document = await store.PutAsync(buffer, ContentType, cancellationToken);
        var (portfolios, dates) = (rows.Select(r => r.PortfolioId).ToArray(), rows.Select(r => r.BusinessDate).ToArray());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Set<SnapshotArchiveRow>().Add(new SnapshotArchiveRow
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), DocumentKey = document.Key, FromDate = dates.Min(), ToDate = dates.Max(),
            RowCount = rows.Count, Bytes = bytes, JobId = jobId, CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        var deleted = await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM portfolio.portfolio_snapshots s
            USING unnest({portfolios}, {dates}) AS k(portfolio_id, business_date)
            WHERE s.portfolio_id = k.portfolio_id AND s.business_date = k.business_date
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Archived {Rows} snapshot(s) from {From} to {To} as {Key} ({Bytes} bytes gzip), {Deleted} deleted",
            rows.Count, dates.Min(), dates.Max(), document.Key, bytes, deleted);
    }

    /// <summary>Reads an archive back: its snapshots in the order they were written.</summary>
    public static async Task<List<PortfolioSnapshotRow>> ReadArchiveAsync(IDocumentStore store, string key, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken) ?? throw new FileNotFoundException("No archive with this key.");
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var rows = new List<PortfolioSnapshotRow>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                rows.Add(JsonSerializer.Deserialize<PortfolioSnapshotRow>(line, Json)!);
            }
        }

        return rows;
    }
}
