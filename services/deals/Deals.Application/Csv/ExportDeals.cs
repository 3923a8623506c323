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

/// <summary>A validated export, written when the response starts.</summary>
public sealed class DealExport(Func<Stream, CancellationToken, Task> write)
{
    public Task WriteToAsync(Stream output, CancellationToken cancellationToken) => write(output, cancellationToken);
}

internal sealed class ExportDealsHandler(DealsDb db, ICurrentUser user, IVariantFeatureManager features) : IRequestHandler<ExportDeals, Result<DealExport>>
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Encoding Utf8WithMark = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public async Task<Result<DealExport>> Handle(ExportDeals request, CancellationToken cancellationToken)
    {
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
        var rows = source.Value.Filter(request.Filter).OrderBy(request.Filter.Sort).Select(DealView.Projection);
        return new DealExport(async (output, ct) =>
        {
            await using var text = new StreamWriter(output, encoding, bufferSize: 64 * 1024);
            var csv = new CsvWriter(text);
            await DealCsv.WriteHeaderAsync(csv, ct);
            await foreach (var deal in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                await DealCsv.WriteRowAsync(csv, deal, ct);
            }
        });
    }
}
