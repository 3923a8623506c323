using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Application;

public static class MediatorSetup
{
    /// <summary>
    /// Registers MediatR 5 (which has no DI package) with the handlers and validators of the given
    /// application assembly, and the validation behaviour.
    /// </summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services, Assembly applicationAssembly)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));

        foreach (var type in applicationAssembly.GetTypes().Where(type => type is { IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(IsRegisteredContract))
            {
                services.AddScoped(contract, type);
            }
        }

        return services;
    }

    private static bool IsRegisteredContract(Type contract) =>
        contract.IsGenericType &&
        (contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) ||
         contract.GetGenericTypeDefinition() == typeof(IValidator<>));
}
