namespace Architecture.Tests;

/// <summary>
/// Each rule shown to fail: a throwaway repository with one deliberate violation per rule is
/// written to a temporary folder and the rule must report exactly that violation.
/// </summary>
public sealed class DeliberateViolationTests
{
    private string _root = "";

    [SetUp]
    public void CreateRepository() => _root = Directory.CreateTempSubdirectory("arch-violations-").FullName;

    [TearDown]
    public void DeleteRepository() => Directory.Delete(_root, recursive: true);

    private void Project(string path, string references = "", string packages = "")
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var projectItems = string.Join("", references.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => $"<ProjectReference Include=\"{r}\" />"));
        var packageItems = string.Join("", packages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => $"<PackageReference Include=\"{p}\" />"));
        File.WriteAllText(full, $"<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup>{projectItems}{packageItems}</ItemGroup></Project>");
    }

    [Test]
    public void DomainRule_FlagsADomainProjectUsingEfCore()
    {
        Project("services/deals/Deals.Domain/Deals.Domain.csproj", packages: "Microsoft.EntityFrameworkCore");

        Assert.That(ArchitectureRules.DomainIsPure(ProjectGraph.Load(_root)),
            Is.EqualTo(new[] { "Deals.Domain references package Microsoft.EntityFrameworkCore" }));
    }

    [Test]
    public void DomainAssemblyRule_FlagsAnAssemblyUsingEfCore() =>
        Assert.That(ArchitectureRules.DomainAssemblyIsPure(Service("identity").Application), Is.Not.Empty);

    [Test]
    public void EventMapRule_FlagsDomainEventsNoMapDeclares() =>
        // Alerts' application declares no map, so each of deals' domain events is reported against it.
        Assert.That(ArchitectureRules.EveryDomainEventIsDeclared(Service("deals").Domain, Service("alerts").Application),
            Has.Some.Contains("DealApprovedEvent"));

    private static ServiceAssemblies Service(string name) => ServiceAssemblies.Discover().Single(s => s.Service == name);

    [Test]
    public void ApplicationRule_FlagsAnApplicationReferencingInfrastructure()
    {
        Project("services/deals/Deals.Infrastructure/Deals.Infrastructure.csproj");
        Project("services/deals/Deals.Application/Deals.Application.csproj", references: "../Deals.Infrastructure/Deals.Infrastructure.csproj");

        Assert.That(ArchitectureRules.ApplicationDoesNotReferenceOuterLayers(ProjectGraph.Load(_root)),
            Is.EqualTo(new[] { "Deals.Application references services/deals/Deals.Infrastructure/Deals.Infrastructure.csproj" }));
    }

    [Test]
    public void IndependenceRule_FlagsAServiceReferencingAnother()
    {
        Project("services/identity/Identity.Domain/Identity.Domain.csproj");
        Project("services/deals/Deals.Application/Deals.Application.csproj", references: "../../identity/Identity.Domain/Identity.Domain.csproj");

        Assert.That(ArchitectureRules.ServicesAreIndependent(ProjectGraph.Load(_root)),
            Is.EqualTo(new[] { "Deals.Application (service deals) references services/identity/Identity.Domain/Identity.Domain.csproj" }));
    }

    [Test]
    public void SharedRule_FlagsSharedCodeReferencingAService()
    {
        Project("services/deals/Deals.Domain/Deals.Domain.csproj");
        Project("shared/Platform.Persistence/Platform.Persistence.csproj", references: "../../services/deals/Deals.Domain/Deals.Domain.csproj");

        Assert.That(ArchitectureRules.SharedAndGatewayKnowNoService(ProjectGraph.Load(_root)),
            Is.EqualTo(new[] { "Platform.Persistence references services/deals/Deals.Domain/Deals.Domain.csproj" }));
    }
}
