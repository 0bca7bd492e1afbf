using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// README's quick start step 1, run line by line as written: in a directory holding a copy of the repository
/// (`HackleTyped/`) and a new console project (`MyApp/`), the pack command and the add command parsed out of
/// README. NuGet's global packages folder is a fresh one for this run, as on a fresh machine (and so that a
/// HackleTyped 0.1.0 extracted by an earlier pack cannot stand in for this one). MyApp is then built and run
/// from another directory, online against a server that is down, with the quick start's relative ConfigFilePath.
/// </summary>
public sealed class QuickStartConsumer(PackageFeed feed) : IAsyncLifetime
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    public string Directory { get; private set; } = "";

    internal IReadOnlyList<string> CommandLines { get; private set; } = [];

    internal List<ProcessResult> Steps { get; } = [];

    internal ProcessResult? Run { get; private set; }

    public Uri DownServer { get; } = ClosedPort.Url();

    public PackageFeed Feed => feed;

    public async Task InitializeAsync()
    {
        var blocks = ReadmeDocument.Blocks(await File.ReadAllTextAsync(ReadmeDocument.PathIn(feed.RepoRoot)));
        var step1 = blocks.First(b => b.Language == "sh" && b.Section.StartsWith("Quick start", StringComparison.Ordinal) && b.Code.Contains("dotnet pack", StringComparison.Ordinal));
        CommandLines = step1.CommandLines.ToArray();

        Directory = Path.Combine(feed.Root, "quickstart");
        feed.CopySource(Path.Combine("quickstart", "HackleTyped"), "src", "tools", "docs");
        var app = Path.Combine(Directory, "MyApp");
        // What `dotnet new console` makes (project, implicit usings, nullable), plus the exported manifest.
        File.WriteAllText(Path.Combine(app, "MyApp.csproj").EnsureParent(), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.Copy(feed.RepoManifestPath, Path.Combine(app, "hackle.flags.json"));
        File.WriteAllText(Path.Combine(app, "Program.cs"), ProgramSource);

        // UseSharedCompilation through the environment (MSBuild reads it as a property): no compiler server may
        // outlive the test, and the README lines still run exactly as written.
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(Directory, "nuget-packages"),
            ["UseSharedCompilation"] = "false",
        };
        foreach (var line in CommandLines)
        {
            var arguments = ReadmeDocument.Arguments(line);
            if (arguments[0] != "dotnet") throw new InvalidOperationException("README's step 1 runs only dotnet commands: " + line);
            var step = await DotNetCli.RunAsync(Directory, StepTimeout, environment, arguments[1..]);
            Steps.Add(step);
            if (!step.Succeeded) return;
        }

        var build = await DotNetCli.RunAsync(app, StepTimeout, environment, ["build", "-c", "Release", .. DotNetCli.BuildSwitches]);
        Steps.Add(build);
        if (!build.Succeeded) return;

        // Started from a directory without the manifest: only the copy beside the app can make it ready.
        var elsewhere = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "elsewhere")).FullName;
        Run = await DotNetCli.RunAsync(elsewhere, TimeSpan.FromMinutes(2), environment,
            Path.Combine(app, "bin", "Release", "net10.0", "MyApp.dll"), DownServer.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The quick start's client (a relative ConfigFilePath), online against a server given on the command line.</summary>
    public const string ProgramSource = """
        using Hackle;
        using MyApp;

        var server = new Uri(args[0]);
        await using var hackle = HackleClient.Create("YOUR_SERVER_SDK_KEY", new HackleClientOptions
        {
            ConfigFilePath = "hackle.flags.json",
            SdkUrl = server,
            EventUrl = server,
            CloseTimeout = TimeSpan.FromSeconds(2),
        });
        Console.WriteLine($"ready-at-once={hackle.IsReady}");
        var detail = Experiments.Checkout.VariationDetail(hackle, new HackleUser("qa-tester-1"));
        Console.WriteLine($"qa-tester-1: {detail.Variation} {detail.Reason.ToWireName()}");
        Console.WriteLine($"working-directory-has-manifest={File.Exists("hackle.flags.json")}");
        """;
}

[Collection(PackedPackageCollection.Name)]
public sealed class QuickStartTests(QuickStartConsumer quickStart, ITestOutputHelper log) : IClassFixture<QuickStartConsumer>
{
    [Fact]
    public void ReadmeStep1PacksIntoAFolderAndAddsThePackageFromIt()
    {
        foreach (var step in quickStart.Steps) log.WriteLine($"{step.Command}: {step.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(2, quickStart.CommandLines.Count);
        Assert.StartsWith("dotnet pack ", quickStart.CommandLines[0], StringComparison.Ordinal);
        Assert.Contains("--source", quickStart.CommandLines[1], StringComparison.Ordinal);
        Assert.All(quickStart.Steps, s => Assert.True(s.Succeeded, s.ToString()));
        Assert.Equal(3, quickStart.Steps.Count);   // both README lines, then the app's build

        var project = File.ReadAllText(Path.Combine(quickStart.Directory, "MyApp", "MyApp.csproj"));
        Assert.Contains("<PackageReference Include=\"HackleTyped\"", project);
    }

    [Fact]
    public void AppStartedFromAnotherDirectoryIsReadyAtOnceFromTheCopiedManifestWithTheServerDown()
    {
        Assert.True(quickStart.Run is not null, "the app was not built:\n" + string.Join('\n', quickStart.Steps));
        var run = quickStart.Run!;
        Assert.True(run.Succeeded, run.ToString());
        Assert.Contains("working-directory-has-manifest=False", run.Output);
        Assert.Contains("ready-at-once=True", run.Output);
        Assert.Contains("qa-tester-1: B OVERRIDDEN", run.Output);   // the manifest's override, not the default
    }
}
