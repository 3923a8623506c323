using FluentValidation;
using Platform.ServiceDefaults.Application;
using Platform.SharedKernel;

namespace Portfolio.Application.Modeling;

/// <summary>A list of the caller's own rows (sessions, scenarios, exports), offset-paged.</summary>
public interface IOwnPageRequest
{
    int Page { get; }
    int PageSize { get; }
}

internal abstract class OwnPageValidator<T> : AbstractValidator<T>
    where T : IOwnPageRequest
{
    protected OwnPageValidator()
    {
        RuleFor(r => r.Page).ValidPage();
        RuleFor(r => r.PageSize).ValidPageSize();
    }
}
