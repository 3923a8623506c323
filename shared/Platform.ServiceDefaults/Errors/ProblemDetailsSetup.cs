using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every problem response, whoever produced it (a use case, the exception handler, status code
    /// pages, authentication), gets the same correlation members and a stable error code.
    /// </summary>
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (!problem.Extensions.TryGetValue(ProblemFields.ErrorCode, out var code) || code is not string errorCode)
            {
                errorCode = ProblemFields.DefaultCodeFor(status);
                problem.Extensions[ProblemFields.ErrorCode] = errorCode;
            }

            // The framework fills in RFC 9110 links; our clients key on the error code instead.
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = ProblemFields.TypeFor(errorCode);
            }
            problem.Detail ??= ProblemFields.DefaultDetailFor(status);
            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions[ProblemFields.TraceId] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            problem.Extensions[ProblemFields.RequestId] = RequestIdMiddleware.Get(context.HttpContext);
        });
        services.AddExceptionHandler<PlatformExceptionHandler>();
        return services;
    }
}
