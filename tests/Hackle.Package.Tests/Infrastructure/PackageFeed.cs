using System.Text;
using System.Text.RegularExpressions;

namespace Hackle.Package.Tests.Infrastructure;

/// <summary>
/// Packs the shipped projects of src/ once per test run into a local folder feed under a temporary
/// directory, with a version no earlier run used, and removes that version from the NuGet global packages
/// folder afterwards. Consumers are written as siblings of the feed in the same temporary directory.
/// </summary>
public sealed partial class PackageFeed : IAsyncLifetime
{
    /// <summary>The package a user adds (runtime, generator, analyzers, code fixes, build props).</summary>
    public const string MainPackageId = "HackleTyped";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    public PackageFeed()
    {
        RepoRoot = FindRepoRoot();
        // A unique version per run: the global packages folder keeps whatever it extracted for a version,
        // so reusing one would silently test an older pack.
        var stamp = $"{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Version = "0.1.0-e2e." + stamp;
        Root = Path.Combine(Path.GetTempPath(), "hackle-e2e-" + stamp.Replace('.', '-'));
        FeedDirectory = Path.Combine(Root, "feed");
    }

    public string RepoRoot { get; }

    /// <summary>The temporary directory that holds the source snapshot, the feed and the consumers.</summary>
    public string Root { get; }

    public string FeedDirectory { get; }

    public string Version { get; }

    /// <summary>Ids of the packages found in the feed after packing (read from the files, not assumed).</summary>
    public IReadOnlyList<string> PackageIds { get; private set; } = [];

    public ProcessResult Pack { get; private set; } = null!;

    /// <summary>The repository's manifest, which every consumer starts from.</summary>
    public string RepoManifestPath => Path.Combine(RepoRoot, "hackle.flags.json");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(FeedDirectory);

        // Pack a snapshot of the working tree, not the tree itself: the solution's other test projects may
        // be building src/ in Release at the same moment, and a pack with another version would rewrite
        // their bin/obj under them. The snapshot also keeps every pack output out of the repository.
        var source = CopySource("source");

        // One pack of every src project: the non-packable ones (generator, analyzers, code fixes) are
        // built as references and ride inside HackleTyped; every packable one becomes a package.
        var projects = Directory.EnumerateFiles(Path.Combine(source, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(source, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal);
        var solution = new StringBuilder("<Solution>\n");
        foreach (var project in projects) solution.Append($"  <Project Path=\"{project}\" />\n");
        solution.Append("</Solution>\n");
        await File.WriteAllTextAsync(Path.Combine(source, "pack.slnx"), solution.ToString());

        Pack = await DotNetCli.RunAsync(source, PackTimeout,
            ["pack", "pack.slnx", "-c", "Release", "-o", FeedDirectory, "-p:Version=" + Version, .. DotNetCli.BuildSwitches]);
        if (!Pack.Succeeded) throw new InvalidOperationException("dotnet pack failed:\n" + Pack);

        var suffix = "." + Version + ".nupkg";
        PackageIds = Directory.EnumerateFiles(FeedDirectory, "*" + suffix)
            .Select(p => Path.GetFileName(p)[..^suffix.Length])
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToArray();
        if (!PackageIds.Contains(MainPackageId))
            throw new InvalidOperationException($"The feed has no {MainPackageId} package ({string.Join(", ", PackageIds)}):\n" + Pack);
    }

    public async Task DisposeAsync()
    {
        // The consumers' restores extracted this run's version into the global packages folder; nothing will
        // ever ask for it again, so remove it (and an id folder this run left empty).
        var globalPackages = await GlobalPackagesFolderAsync();
        foreach (var id in PackageIds)
        {
            var idFolder = Path.Combine(globalPackages, id.ToLowerInvariant());
            TryDelete(Path.Combine(idFolder, Version.ToLowerInvariant()));
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any()) TryDelete(idFolder);
        }
        TryDelete(Root);
    }

    private async Task<string> GlobalPackagesFolderAsync()
    {
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured) return configured;
        Directory.CreateDirectory(Root);
        var locals = await DotNetCli.RunAsync(Root, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
        var match = GlobalPackagesLine().Match(locals.Output);
        return match.Success
            ? match.Groups[1].Value.Trim()
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    [GeneratedRegex(@"global-packages:\s*(\S.*)$", RegexOptions.Multiline)]
    private static partial Regex GlobalPackagesLine();

    /// <summary>
    /// Copies the repository's top-level files and the given folders (src by default; never bin or obj) into
    /// <paramref name="name"/> under <see cref="Root"/> and returns that directory: a place to build or pack
    /// without touching the working tree, where other test projects may be building at the same moment.
    /// </summary>
    public string CopySource(string name, params string[] folders)
    {
        var target = Path.Combine(Root, name);
        foreach (var file in Directory.EnumerateFiles(RepoRoot))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)).EnsureParent());
        foreach (var folder in folders.Length == 0 ? ["src"] : folders)
            CopyTree(Path.Combine(RepoRoot, folder), Path.Combine(target, folder));
        return target;
    }

    /// <summary>
    /// One copy of the top-level files, src and samples for the sample runs (README's `dotnet run --project samples/…`
    /// commands), made on first use: the samples share its build of src. The fixtures that use it run one after another.
    /// </summary>
    public string SampleSource()
    {
        var target = Path.Combine(Root, "sample-source");
        return Directory.Exists(target) ? target : CopySource("sample-source", "src", "samples");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj") continue;   // stale outputs would defeat a clean pack
            CopyTree(directory, Path.Combine(to, name));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving a temporary folder behind must not fail the run.
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HackleTyped.sln"))) return dir.FullName;
        throw new InvalidOperationException("HackleTyped.sln not found above " + AppContext.BaseDirectory);
    }
}

internal static class PathExtensions
{
    /// <summary>Creates the directory that will hold <paramref name="path"/> and returns the path.</summary>
    public static string EnsureParent(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class PackedPackageCollection : ICollectionFixture<PackageFeed>
{
    /// <summary>All end-to-end tests share one pack and run one after another (2 cores, real builds).</summary>
    public const string Name = "packed package";
}
