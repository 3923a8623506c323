using FluentValidation;
using Platform.ServiceDefaults.Application;
using Portfolio.Domain.Portfolios;
using Portfolio.Domain.Positions;

namespace Portfolio.Application.Tags;

internal static class TagInputRules
{
    public static void AddTagRules<T>(this AbstractValidator<T> validator, Func<T, TagInput> input)
    {
        validator.RuleFor(r => input(r).Name!).NotEmpty().MaximumLength(PortfolioErrors.TagMaxLength).SingleLineText()
            .Must(n => n is null || n.Trim() == n).WithMessage("Must not start or end with spaces.").OverridePropertyName("name");
        validator.RuleFor(r => input(r).Colour).Must(c => c is null || Tag.IsColour(c))
            .WithMessage("Must be a colour as #RRGGBB.").OverridePropertyName("colour");
    }
}
