using System.Reflection;
using Platform.Messaging.Outbox;
using Platform.SharedKernel;

namespace Architecture.Tests;

/// <summary>The dependency rules of DESIGN.md, each returning the violations it finds.</summary>
public static class ArchitectureRules
{
    private static readonly string[] FrameworkPrefixes = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "MassTransit"];

    /// <summary>Domain projects depend on the shared kernel only: no EF Core, ASP.NET Core, database or broker packages.</summary>
    public static IEnumerable<string> DomainIsPure(IEnumerable<ProjectNode> projects) =>
        from project in projects
        where project.Service is not null && project.Layer == "Domain"
        from violation in project.PackageReferences.Where(IsFramework).Select(p => $"package {p}")
            .Concat(project.ProjectReferences.Where(p => !p.EndsWith("/Platform.SharedKernel.csproj", StringComparison.Ordinal)).Select(p => $"project {p}"))
        select $"{project.Name} references {violation}";

    /// <summary>The compiled domain assemblies use no EF Core or ASP.NET Core types either.</summary>
    public static IEnumerable<string> DomainAssemblyIsPure(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Where(reference => reference.Name is { } name && IsFramework(name))
            .Select(reference => $"{assembly.GetName().Name} uses {reference.Name}");

    /// <summary>
    /// Every concrete domain event of a service is declared, published or internal, in the one
    /// <see cref="IntegrationEventMap"/> of its application assembly: none can be dropped unnoticed.
    /// </summary>
    public static IEnumerable<string> EveryDomainEventIsDeclared(Assembly domain, Assembly application)
    {
        var maps = application.GetTypes().Where(t => t.IsSubclassOf(typeof(IntegrationEventMap)) && !t.IsAbstract).ToList();
        var domainEvents = domain.GetTypes().Where(t => typeof(IDomainEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        if (maps.Count == 0)
        {
            return domainEvents.Select(e => $"{e.Name} is raised in {domain.GetName().Name}, but {application.GetName().Name} declares no IntegrationEventMap");
        }

        if (maps.Count > 1)
        {
            return [$"{application.GetName().Name} declares {maps.Count} IntegrationEventMaps; a service has one"];
        }

        var declared = ((IntegrationEventMap)Activator.CreateInstance(maps[0])!).DeclaredEvents;
        return domainEvents.Where(e => !declared.Contains(e)).Select(e => $"{e.Name} is not declared in {maps[0].Name}");
    }

    /// <summary>Application projects never reference Infrastructure or Api projects.</summary>
    public static IEnumerable<string> ApplicationDoesNotReferenceOuterLayers(IEnumerable<ProjectNode> projects) =>
        from project in projects
        where project.Service is not null && project.Layer == "Application"
        from reference in project.ProjectReferences
        where reference.EndsWith(".Infrastructure.csproj", StringComparison.Ordinal) || reference.EndsWith(".Api.csproj", StringComparison.Ordinal)
        select $"{project.Name} references {reference}";

    /// <summary>A service knows other services only through Platform.Contracts: no project references across service folders.</summary>
    public static IEnumerable<string> ServicesAreIndependent(IEnumerable<ProjectNode> projects) =>
        from project in projects
        where project.Service is not null
        from reference in project.ProjectReferences
        where reference.StartsWith("services/", StringComparison.Ordinal) && reference.Split('/')[1] != project.Service
        select $"{project.Name} (service {project.Service}) references {reference}";

    /// <summary>Shared building blocks and the gateway depend on no service.</summary>
    public static IEnumerable<string> SharedAndGatewayKnowNoService(IEnumerable<ProjectNode> projects) =>
        from project in projects
        where project.RelativePath.StartsWith("shared/", StringComparison.Ordinal) || project.RelativePath.StartsWith("gateway/", StringComparison.Ordinal)
        from reference in project.ProjectReferences
        where reference.StartsWith("services/", StringComparison.Ordinal)
        select $"{project.Name} references {reference}";

    private static bool IsFramework(string name) => FrameworkPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}
