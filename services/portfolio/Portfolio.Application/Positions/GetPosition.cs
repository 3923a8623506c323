using MediatR;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;

namespace Portfolio.Application.Positions;

public sealed record GetPosition(Guid PositionId) : IRequest<Result<PositionView>>;

internal sealed class GetPositionHandler(PortfolioDb db, ICurrentUser user) : IRequestHandler<GetPosition, Result<PositionView>>
{
    public async Task<Result<PositionView>> Handle(GetPosition request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var position = await db.FindPositionAsync(caller.Value, request.PositionId, forChange: false, cancellationToken);
        return position.IsSuccess ? PositionView.Of(position.Value) : position.Error!;
    }
}
