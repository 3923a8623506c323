using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Modeling;
using Portfolio.Application.Persistence;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Exports;

/// <summary>One of the caller's exports; anyone else's is 404.</summary>
public sealed record GetExport(Guid ExportId) : IRequest<Result<ExportView>>;

internal sealed class GetExportHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetExport, Result<ExportView>>
{
    public async Task<Result<ExportView>> Handle(GetExport request, CancellationToken cancellationToken)
    {
        var row = await db.FindOwnAsync<TradeExportRow>(user, request.ExportId, ModelingErrors.ExportNotFound, cancellationToken);
        return row.IsSuccess ? ExportView.Of(row.Value) : row.Error!;
    }
}
