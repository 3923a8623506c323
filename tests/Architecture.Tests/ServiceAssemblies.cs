using System.Reflection;
using Platform.Testing;

namespace Architecture.Tests;

/// <summary>
/// The compiled assemblies of one service, found by folder: every <c>services/&lt;name&gt;/</c> is
/// checked without editing these tests. They are loaded from the service's Api output, which holds
/// every assembly they depend on; the solution build produces it before the tests run.
/// </summary>
public sealed record ServiceAssemblies(string Service, Assembly Domain, Assembly Application)
{
    public override string ToString() => Service;

    public static IReadOnlyList<ServiceAssemblies> Discover()
    {
        // bin/<Configuration>/<TargetFramework>/ of this test assembly: the services were built the same way.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        return Directory.EnumerateDirectories(Path.Combine(TestEnvironment.RepoRoot, "services"))
            .Order(StringComparer.Ordinal)
            .Select(folder => Load(folder, configuration, framework))
            .ToList();
    }

    private static ServiceAssemblies Load(string folder, string configuration, string framework)
    {
        var api = Directory.EnumerateDirectories(folder, "*.Api").SingleOrDefault()
            ?? throw new InvalidOperationException($"{folder} has no *.Api project.");
        var name = Path.GetFileName(api)[..^".Api".Length];
        var bin = Path.Combine(api, "bin", configuration, framework);
        return new ServiceAssemblies(Path.GetFileName(folder), LoadFrom(bin, name + ".Domain"), LoadFrom(bin, name + ".Application"));
    }

    private static Assembly LoadFrom(string bin, string assemblyName)
    {
        var path = Path.Combine(bin, assemblyName + ".dll");
        return File.Exists(path)
            ? Assembly.LoadFrom(path)
            : throw new FileNotFoundException($"{path} is missing: build the solution before the architecture tests.", path);
    }
}
