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

    private static readonly System.Reflection.Assembly[] DomainAssemblies =
    [
        typeof(Identity.Domain.User).Assembly,
        typeof(Deals.Domain.Deal).Assembly,
        typeof(Alerts.Domain.Alert).Assembly,
    ];

    [TestCaseSource(nameof(DomainAssemblies))]
    public void DomainAssemblies_UseNoFrameworkTypes(System.Reflection.Assembly domain) =>
        Assert.That(ArchitectureRules.DomainAssemblyIsPure(domain), Is.Empty);

    [Test]
    public void ApplicationProjects_DoNotReferenceInfrastructureOrApi() =>
        Assert.That(ArchitectureRules.ApplicationDoesNotReferenceOuterLayers(Repository), Is.Empty);

    [Test]
    public void Services_DoNotReferenceEachOther() => Assert.That(ArchitectureRules.ServicesAreIndependent(Repository), Is.Empty);

    [Test]
    public void SharedCodeAndGateway_ReferenceNoService() => Assert.That(ArchitectureRules.SharedAndGatewayKnowNoService(Repository), Is.Empty);
}
