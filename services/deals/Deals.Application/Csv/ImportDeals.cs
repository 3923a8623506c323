using Deals.Application.Authoring;
using Deals.Application.Persistence;
using Deals.Application.Tickers;
using Deals.Domain;
using MediatR;
using Platform.ServiceDefaults.Csv;
using Platform.SharedKernel;

namespace Deals.Application.Csv;

/// <summary>
/// Creates one deal per CSV row (the export's format), all or nothing: every row is checked first and
/// any bad row fails the whole import with each bad row's line number and field errors.
/// </summary>
public sealed record ImportDeals(Stream Csv) : IRequest<Result<DealImportResult>>;

public sealed record DealImportResult(int Imported, IReadOnlyList<Guid> DealIds);

/// <summary>One refused row: its line in the file and what is wrong with each field.</summary>
public sealed record DealImportRowError(int Line, IReadOnlyDictionary<string, string[]> Errors);

internal sealed class ImportDealsHandler(DealsDb db, ICurrentUser user, TimeProvider clock, TickerVerification tickers) : IRequestHandler<ImportDeals, Result<DealImportResult>>
{
    public const int MaxRows = 10_000;
    private const int MaxReportedRows = 500;
    private const int SaveChunk = 500;

    public async Task<Result<DealImportResult>> Handle(ImportDeals request, CancellationToken cancellationToken)
    {
        var actor = user.AsActor();
        if (!actor.IsSuccess)
        {
            return actor.Error!;
        }

        var now = clock.GetUtcNow();
        var deals = new List<(int Line, Deal Deal)>();
        var bad = new List<DealImportRowError>();
        var badCount = 0;
        using var reader = new StreamReader(request.Csv, detectEncodingFromByteOrderMarks: true);
        try
        {
            Func<IReadOnlyList<string>, Dictionary<string, string[]>, DealInput>? readRow = null;
            await foreach (var record in CsvReader.ReadAsync(reader, DealRules.NotesMaxLength + 1, cancellationToken))
            {
                if (readRow is null)
                {
                    var header = DealCsv.Header(record.Fields);
                    if (header.Errors.Count > 0)
                    {
                        return Invalid([new DealImportRowError(record.Line, new Dictionary<string, string[]> { ["header"] = [.. header.Errors] })], 1);
                    }

                    readRow = header.ReadRow;
                    continue;
                }

                if (deals.Count + badCount >= MaxRows)
                {
                    return Error.Rule("deal.import_too_large", $"An import holds at most {MaxRows} rows; split the file.");
                }

                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var input = readRow(record.Fields, errors);
                var terms = input.ToTerms();
                var created = terms.IsSuccess ? Deal.Create(terms.Value, actor.Value, now) : Result<Deal>.Fail(terms.Error!);
                if (created.IsSuccess && errors.Count == 0)
                {
                    deals.Add((record.Line, created.Value));
                    continue;
                }

                // A value that could not be read is reported as such, not again as "required" or out of range.
                foreach (var (field, messages) in created.Error?.FieldErrors ?? new Dictionary<string, string[]>())
                {
                    errors.TryAdd(field, messages);
                }

                if (created.Error is { FieldErrors: null } refusal)
                {
                    return refusal;
                }

                badCount++;
                if (bad.Count < MaxReportedRows)
                {
                    bad.Add(new DealImportRowError(record.Line, errors));
                }
            }
        }
        catch (CsvFormatException malformed)
        {
            return Invalid([new DealImportRowError(malformed.Line, new Dictionary<string, string[]> { ["csv"] = [malformed.Message] })], 1);
        }

        if (badCount > 0)
        {
            return Invalid(bad, badCount);
        }

        if (deals.Count == 0)
        {
            return Error.Rule("deal.import_empty", "The file has no deal rows: send a header line and at least one row.");
        }

        // Each ticker of the file is asked about once, however many rows name it.
        var unknown = await tickers.VerifyAsync(deals.SelectMany(d => new[] { d.Deal.TargetTicker, d.Deal.AcquirerTicker }), cancellationToken);
        if (unknown.Count > 0)
        {
            var refused = deals.Select(d => new DealImportRowError(d.Line, TickerVerification.Refusals(d.Deal, unknown))).Where(r => r.Errors.Count > 0).ToList();
            return Invalid([.. refused.Take(MaxReportedRows)], refused.Count);
        }

        // One transaction for all rows; saved in chunks with the change tracker cleared in between, so
        // memory stays bounded by the chunk rather than growing with the file.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var chunk in deals.Select(d => d.Deal).Chunk(SaveChunk))
            {
                db.Deals.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return new DealImportResult(deals.Count, deals.Select(d => d.Deal.Id).ToList());
    }

    private static Error Invalid(IReadOnlyList<DealImportRowError> rows, int invalidRows) =>
        Error.Rule("deal.import_invalid", $"{invalidRows} row(s) are invalid; nothing was imported. Fix them and send the whole file again.") with
        {
            Details = new Dictionary<string, object?> { ["rows"] = rows, ["invalidRowCount"] = invalidRows },
        };
}
