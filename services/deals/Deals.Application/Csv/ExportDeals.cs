using System.Text;
using Deals.Application.Persistence;
using Deals.Application.Queries;
using Deals.Domain;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.FeatureManagement;
using Platform.ServiceDefaults.Csv;
using Platform.SharedKernel;

namespace Deals.Application.Csv;

/// <summary>The filtered, sorted deals as CSV, streamed row by row from the database: memory stays flat at any size.</summary>
public sealed record ExportDeals(DealFilter Filter) : IRequest<Result<DealExport>>;

/// <summary>
/// A validated export whose query already ran and returned its first row (or none): whatever a client's
/// input or an unreachable database can break has failed before the response starts. Dispose it when
/// the response ends; it holds the open result.
/// </summary>
public sealed class DealExport(IAsyncEnumerator<DealView> rows, bool hasRow, Encoding encoding) : IAsyncDisposable
{
    /// <summary>Rows written so far: for the log when a failure cuts the export short.</summary>
    public int RowsWritten { get; private set; }

    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        // Disposed only on success: disposing flushes, and after a failure the buffered rows must not be
        // sent, so that a failure within the first buffer still leaves the response unstarted.
        var text = new StreamWriter(output, encoding, bufferSize: 64 * 1024, leaveOpen: true);
        var csv = new CsvWriter(text);
        await DealCsv.WriteHeaderAsync(csv, cancellationToken);
        for (var more = hasRow; more; more = await rows.MoveNextAsync())
        {
            await DealCsv.WriteRowAsync(csv, rows.Current, cancellationToken);
            RowsWritten++;
        }

        await text.DisposeAsync();
    }

    public ValueTask DisposeAsync() => rows.DisposeAsync();
}

internal sealed class ExportDealsHandler(DealsDb db, ICurrentUser user, IVariantFeatureManager features) : IRequestHandler<ExportDeals, Result<DealExport>>
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Utf8WithMark = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public async Task<Result<DealExport>> Handle(ExportDeals request, CancellationToken cancellationToken)
    {
        // NUL and other control characters in a filter (PostgreSQL refuses NUL, and says so only
        // when the rows are read) never get here: the shared request text rule refuses them first.
        var errors = DealFilterRules.Validate(request.Filter);
        if (errors.Count > 0)
        {
            return DealErrors.Invalid(errors);
        }

        var source = db.Source(request.Filter, user);
        if (!source.IsSuccess)
        {
            return source.Error!;
        }

        var encoding = await features.IsEnabledAsync(DealsFeatures.CsvExportByteOrderMark, cancellationToken) ? Utf8WithMark : Utf8;
        var rows = source.Value.Filter(request.Filter).OrderBy(request.Filter.Sort).Select(DealView.Projection)
            .AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        try
        {
            // Run the query now, while a failure can still be a problem response rather than a cut-off 200.
            var hasRow = await rows.MoveNextAsync();
            return new DealExport(rows, hasRow, encoding);
        }
        catch
        {
            await rows.DisposeAsync();
            throw;
        }
    }
}
