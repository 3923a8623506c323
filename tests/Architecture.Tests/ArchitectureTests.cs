using Platform.Testing;

namespace Architecture.Tests;

public sealed class ArchitectureTests
{
    private static readonly IReadOnlyList<ProjectNode> Repository = ProjectGraph.Load(TestEnvironment.RepoRoot);

    [Test]
    public void Repository_HasServiceProjectsToCheck() =>
        Assert.That(Repository.Count(p => p.Service is not null), Is.GreaterThanOrEqualTo(4));

    [Test]
    public void DomainProjects_ReferenceNoFrameworks() => Assert.That(ArchitectureRules.DomainIsPure(Repository), Is.Empty);

    private static readonly IReadOnlyList<ServiceAssemblies> Services = ServiceAssemblies.Discover();

    [Test]
    public void Services_AreDiscoveredFromTheServicesFolder() =>
        Assert.That(Services.Select(s => s.Service), Is.SupersetOf(new[] { "alerts", "deals", "identity" }));

    [TestCaseSource(nameof(Services))]
    public void DomainAssemblies_UseNoFrameworkTypes(ServiceAssemblies service) =>
        Assert.That(ArchitectureRules.DomainAssemblyIsPure(service.Domain), Is.Empty);

    [TestCaseSource(nameof(Services))]
    public void DomainEvents_AreEachDeclaredInTheServicesEventMap(ServiceAssemblies service) =>
        Assert.That(ArchitectureRules.EveryDomainEventIsDeclared(service.Domain, service.Application), Is.Empty);

    [Test]
    public void ApplicationProjects_DoNotReferenceInfrastructureOrApi() =>
        Assert.That(ArchitectureRules.ApplicationDoesNotReferenceOuterLayers(Repository), Is.Empty);

    [Test]
    public void Services_DoNotReferenceEachOther() => Assert.That(ArchitectureRules.ServicesAreIndependent(Repository), Is.Empty);

    [Test]
    public void SharedCodeAndGateway_ReferenceNoService() => Assert.That(ArchitectureRules.SharedAndGatewayKnowNoService(Repository), Is.Empty);
}
