using FluentValidation;
using MediatR;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;
using Portfolio.Application.Persistence;
using Portfolio.Application.Portfolios;
using Portfolio.Domain.Modeling;

namespace Portfolio.Application.Modeling;

public sealed record SessionInput(Guid? PortfolioId, string? Name);

/// <summary>Starts a what-if session on a portfolio the caller may read; the session is the caller's alone.</summary>
public sealed record CreateSession(SessionInput Input) : IRequest<Result<SessionView>>;

internal sealed class CreateSessionValidator : AbstractValidator<CreateSession>
{
    public CreateSessionValidator()
    {
        RuleFor(r => r.Input).NotNull().OverridePropertyName("body");
        When(r => r.Input is not null, () =>
        {
            RuleFor(r => r.Input.PortfolioId).NotNull().NotEqual(Guid.Empty).OverridePropertyName("portfolioId");
            RuleFor(r => r.Input.Name!).MaximumLength(ModelingErrors.NameMaxLength).SingleLineText().OverridePropertyName("name");
        });
    }
}

internal sealed class CreateSessionHandler(PortfolioDb db, ICurrentUser user, IOptions<ModelingOptions> options, TimeProvider clock)
    : IRequestHandler<CreateSession, Result<SessionView>>
{
    public async Task<Result<SessionView>> Handle(CreateSession request, CancellationToken cancellationToken)
    {
        var caller = user.AsCaller();
        if (!caller.IsSuccess)
        {
            return caller.Error!;
        }

        var portfolio = await db.FindReadableAsync(caller.Value, request.Input.PortfolioId!.Value, cancellationToken);
        if (!portfolio.IsSuccess)
        {
            return portfolio.Error!;
        }

        var session = ModelingSession.Start(caller.Value.UserId, portfolio.Value.Id, request.Input.Name?.Trim(), clock.GetUtcNow(), options.Value.IdleTimeout);
        db.Set<ModelingSession>().Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return SessionView.Of(session);
    }
}
