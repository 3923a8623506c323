using System.Reflection;
using FluentValidation;
using MediatR;
using Platform.SharedKernel;

namespace Platform.ServiceDefaults.Application;

/// <summary>
/// Runs the request's validators before its handler; failures become a validation <see cref="Error"/>
/// in the handler's own Result type, so invalid input never reaches a handler.
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly Func<Error, TResponse>? ToFailure = CreateFailureFactory();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (ToFailure is null)
        {
            return await next();
        }

        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count == 0)
        {
            return await next();
        }

        var fields = failures
            .GroupBy(failure => ToCamelCase(failure.PropertyName))
            .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray());
        return ToFailure(Error.Validation(fields));
    }

    private static string ToCamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static Func<Error, TResponse>? CreateFailureFactory()
    {
        if (typeof(TResponse) == typeof(Result))
        {
            return error => (TResponse)(object)Result.Fail(error);
        }

        if (typeof(TResponse).IsGenericType && typeof(TResponse).GetGenericTypeDefinition() == typeof(Result<>))
        {
            var fail = typeof(TResponse).GetMethod(nameof(Result<object>.Fail), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])!;
            return error => (TResponse)fail.Invoke(null, [error])!;
        }

        return null;
    }
}
