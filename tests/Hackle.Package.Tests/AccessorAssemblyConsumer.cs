using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Hackle.Package.Tests.Infrastructure;

namespace Hackle.Package.Tests;

/// <summary>
/// The console app of <see cref="ConsoleConsumer"/> with <c>HackleFlags_AccessorAssembly=true</c> (docs/generator.md): its
/// accessors come from <c>accessors.HackleFlags.dll</c>, compiled by the package's targets. One restore, then one build
/// per step, in this order (each step's result is kept for the tests). A pinned name lives in a <c>HackleFlagNames</c> file,
/// and PinUse.cs uses it:
/// <list type="number">
/// <item>restore + build, and a run over <see cref="ConsoleConsumer.Users"/>;</item>
/// <item>an unrelated edit (a comment appended to Program.cs), then a build: the accessor assembly must not be rebuilt;</item>
/// <item><c>dotnet publish --no-build</c> of that build, and a run of the published app;</item>
/// <item>the experiment renamed in the manifest (and in Program.cs), then a build and a run: the accessors are rebuilt;</item>
/// <item>a syntax error in the manifest, then a build: it fails with HKF001 at the manifest's line and column;</item>
/// <item>two builds with a bad switch (an unknown mode; the mode in a signed project): each fails with HKF012 before compiling.</item>
/// </list>
/// </summary>
public sealed class AccessorAssemblyConsumer(PackageFeed feed) : IAsyncLifetime
{
    public const string ProjectName = "accessors";
    public const string RenamedExperiment = "CheckoutFlow";

    /// <summary>A HackleFlagNames item: its pin (experiment 44, SearchRanking in the manifest) is compiled with the accessors.</summary>
    public const string PinsFile = "FlagNames.cs";
    public const string PinnedName = "Ranking";

    /// <summary>Where the strict JSON reader fails in the broken manifest: a doubled comma after the experiment key.</summary>
    public const string BrokenAfter = "\"key\": 42,";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    internal ConsumerProject Project { get; private set; } = null!;

    internal ProcessResult FirstBuild { get; private set; } = null!;

    internal ProcessResult? FirstRun { get; private set; }

    /// <summary>The accessor assembly after the first build (null when it was not written).</summary>
    internal AssemblyStamp? AfterFirstBuild { get; private set; }

    internal ProcessResult UnrelatedEditBuild { get; private set; } = null!;

    internal AssemblyStamp? AfterUnrelatedEdit { get; private set; }

    /// <summary>The app's own assembly before and after the unrelated edit (it must be rebuilt, or the step proved nothing).</summary>
    internal (DateTime Before, DateTime After) AppWrites { get; private set; }

    internal ProcessResult Publish { get; private set; } = null!;

    internal string[] PublishedFiles { get; private set; } = [];

    internal ProcessResult? PublishedRun { get; private set; }

    internal ProcessResult ManifestEditBuild { get; private set; } = null!;

    internal AssemblyStamp? AfterManifestEdit { get; private set; }

    internal ProcessResult? ManifestEditRun { get; private set; }

    internal ProcessResult BrokenManifestBuild { get; private set; } = null!;

    internal ProcessResult UnknownModeBuild { get; private set; } = null!;

    internal ProcessResult SignedBuild { get; private set; } = null!;

    public PackageFeed Feed => feed;

    /// <summary>The accessor assembly in obj/, where the package's targets compile it.</summary>
    public string AccessorAssemblyPath => Project.PathOf(Path.Combine("obj", "Release", "net10.0", "hackleflags", ProjectName + ".HackleFlags.dll"));

    public async Task InitializeAsync()
    {
        Project = new ConsumerProject(feed, ProjectName, "Microsoft.NET.Sdk", [PackageFeed.MainPackageId], $"""
                <RootNamespace>{ConsoleConsumer.RootNamespace}</RootNamespace>
                <HackleFlags_AccessorAssembly>true</HackleFlags_AccessorAssembly>
              </PropertyGroup>
              <ItemGroup>
                <HackleFlagNames Include="{PinsFile}" />
              </ItemGroup>
              <PropertyGroup>
            """);
        var program = ConsoleConsumer.ProgramSource("Checkout");
        Project.Write("Program.cs", program);
        Project.Write(PinsFile, $"using Hackle;\n[assembly: HackleFlagName(HackleFlagKind.Experiment, 44, \"{PinnedName}\")]\n");
        // Compiles only if the pin reached the accessor assembly.
        Project.Write("PinUse.cs", $"internal static class PinUse {{ public static long Key => {ConsoleConsumer.RootNamespace}.Experiments.{PinnedName}.Key; }}\n");
        FirstBuild = await Project.BuildAsync(restore: true);
        if (!FirstBuild.Succeeded) return;
        AfterFirstBuild = AssemblyStamp.Read(AccessorAssemblyPath);
        FirstRun = await Project.RunAsync(ConsoleConsumer.Users);

        var app = Path.Combine(Project.OutputDirectory, ProjectName + ".dll");
        var appBefore = File.GetLastWriteTimeUtc(app);
        Project.Write("Program.cs", program + "\n// an unrelated edit\n");
        UnrelatedEditBuild = await Project.BuildAsync(restore: false);
        AfterUnrelatedEdit = AssemblyStamp.Read(AccessorAssemblyPath);
        AppWrites = (appBefore, File.GetLastWriteTimeUtc(app));

        var publishDirectory = Path.Combine(Project.Directory, "published");
        Publish = await DotNetCli.RunAsync(Project.Directory, Timeout,
            ["publish", "-c", "Release", "--no-build", "-o", publishDirectory, .. DotNetCli.BuildSwitches]);
        if (Publish.Succeeded)
        {
            PublishedFiles = Directory.GetFiles(publishDirectory).Select(Path.GetFileName).ToArray()!;
            PublishedRun = await DotNetCli.RunAsync(publishDirectory, Timeout, [Path.Combine(publishDirectory, ProjectName + ".dll"), .. ConsoleConsumer.Users]);
        }

        var manifest = await File.ReadAllTextAsync(feed.RepoManifestPath);
        Project.Write("hackle.flags.json", ReplaceOnce(manifest, "\"name\": \"Checkout\",", $"\"name\": \"{RenamedExperiment}\","));
        Project.Write("Program.cs", ConsoleConsumer.ProgramSource(RenamedExperiment));
        ManifestEditBuild = await Project.BuildAsync(restore: false);
        AfterManifestEdit = AssemblyStamp.Read(AccessorAssemblyPath);
        if (ManifestEditBuild.Succeeded) ManifestEditRun = await Project.RunAsync("qa-tester-1");

        Project.Write("hackle.flags.json", ReplaceOnce(manifest, BrokenAfter, BrokenAfter + ","));
        BrokenManifestBuild = await Project.BuildAsync(restore: false);

        UnknownModeBuild = await Project.BuildAsync(restore: false, new Dictionary<string, string> { ["HackleFlags_AccessorAssembly"] = "sometimes" });
        SignedBuild = await Project.BuildAsync(restore: false, new Dictionary<string, string> { ["SignAssembly"] = "true" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string ReplaceOnce(string text, string from, string to)
    {
        SourcePosition.Of(text, from);   // throws unless it occurs exactly once
        return text.Replace(from, to, StringComparison.Ordinal);
    }
}

/// <summary>When an assembly file was written and its module version id (a new compile of changed input gets a new one).</summary>
internal sealed record AssemblyStamp(DateTime LastWriteUtc, Guid Mvid)
{
    public static AssemblyStamp? Read(string path)
    {
        if (!File.Exists(path)) return null;
        using var reader = new PEReader(File.OpenRead(path));
        var metadata = reader.GetMetadataReader();
        return new AssemblyStamp(File.GetLastWriteTimeUtc(path), metadata.GetGuid(metadata.GetModuleDefinition().Mvid));
    }
}
