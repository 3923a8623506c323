using System.Xml.Linq;

namespace Architecture.Tests;

/// <summary>One project of the repository: where it lives, what it references (projects and packages).</summary>
public sealed record ProjectNode(string Name, string RelativePath, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences)
{
    /// <summary>The service folder (<c>services/&lt;service&gt;/...</c>), or null for shared code, the gateway and tests.</summary>
    public string? Service => RelativePath.StartsWith("services/", StringComparison.Ordinal) ? RelativePath.Split('/')[1] : null;

    public string Layer => Name[(Name.LastIndexOf('.') + 1)..];
}

/// <summary>The project graph read from the .csproj files under a root folder.</summary>
public static class ProjectGraph
{
    public static IReadOnlyList<ProjectNode> Load(string root) =>
        Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => Read(root, path))
            .ToList();

    private static ProjectNode Read(string root, string path)
    {
        var document = XDocument.Load(path);
        var directory = Path.GetDirectoryName(path)!;
        var projects = document.Descendants("ProjectReference")
            .Select(reference => Relative(root, Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/')))))
            .ToList();
        var packages = document.Descendants("PackageReference").Concat(document.Descendants("PackageDownload"))
            .Select(reference => reference.Attribute("Include")!.Value)
            .ToList();
        return new ProjectNode(Path.GetFileNameWithoutExtension(path), Relative(root, path), projects, packages);
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
