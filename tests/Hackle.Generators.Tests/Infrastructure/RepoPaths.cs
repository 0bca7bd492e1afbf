namespace Hackle.Generators.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test binaries to HackleTyped.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HackleTyped.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("HackleTyped.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => s_root.Value;

    /// <summary>The repository's own manifest.</summary>
    public static string RepoManifest => Path.Combine(Root, "hackle.flags.json");

    /// <summary>This test project's source folder (snapshots and edge manifests live there).</summary>
    public static string TestProject => Path.Combine(Root, "tests", "Hackle.Generators.Tests");

    public static string EdgeManifest(string name) => Path.Combine(TestProject, "Manifests", name);

    public static string SnapshotFolder(string name) => Path.Combine(TestProject, "Snapshots", name);
}
