using MediatR;
using Platform.SharedKernel;
using Platform.Storage;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Exports;

public sealed record ExportFile(Stream Content, string ContentType, string FileName);

/// <summary>The file of one of the caller's exports, read from the document store by the key its row holds.</summary>
public sealed record DownloadExport(Guid ExportId) : IRequest<Result<ExportFile>>;

internal sealed class DownloadExportHandler(PortfolioDb db, ICurrentUser user, IDocumentStore store) : IRequestHandler<DownloadExport, Result<ExportFile>>
{
    public async Task<Result<ExportFile>> Handle(DownloadExport request, CancellationToken cancellationToken)
    {
        var row = await db.FindOwnAsync<TradeExportRow>(user, request.ExportId, ModelingErrors.ExportNotFound, cancellationToken);
        if (!row.IsSuccess)
        {
            return row.Error!;
        }

        try
        {
            var content = await store.OpenReadAsync(row.Value.StorageKey, cancellationToken);
            return content is null
                ? ModelingErrors.ExportNotFound
                : new ExportFile(content, row.Value.ContentType, $"trades-{row.Value.Id:N}.{row.Value.Format}");
        }
        catch (InvalidDocumentKeyException)
        {
            return ModelingErrors.ExportNotFound;
        }
    }
}
