using System.Text.Json.Nodes;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary>
/// The tool as users get it: packed with <c>dotnet pack</c>, installed from a local feed into a local
/// tool manifest, and run as <c>dotnet hackle</c>.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HackleTyped.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("HackleTyped.sln was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public async Task Installs_as_a_local_tool_and_runs_as_dotnet_hackle()
    {
        var feed = Directory.CreateDirectory(_temp.File("feed")).FullName;
        var work = Directory.CreateDirectory(_temp.File("work")).FullName;
        // A version of its own, so that no copy cached by an earlier run is installed instead.
        var version = "0.0.1-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        // Only the tool's own packages go to a private cache; the machine's stays clean.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.File("packages") };
        var project = Path.Combine(RepositoryRoot(), "tools", "Hackle.Cli", "Hackle.Cli.csproj");

        var pack = await ProcessRunner.RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "--no-restore", "-o", feed, "-p:PackageVersion=" + version], work, Timeout);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Assert.True(File.Exists(Path.Combine(feed, $"HackleTyped.Tool.{version}.nupkg")), pack.ToString());

        var manifest = await ProcessRunner.RunAsync("dotnet", ["new", "tool-manifest"], work, Timeout, environment);
        Assert.True(manifest.ExitCode == 0, manifest.ToString());
        // Only the local feed: the test needs no network and no remote lookup slows it down.
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{System.Security.SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);
        var install = await ProcessRunner.RunAsync("dotnet", ["tool", "install", "HackleTyped.Tool", "--version", version], work, Timeout, environment);
        Assert.True(install.ExitCode == 0, install.ToString());

        var edited = Manifests.LoadCheckout();
        edited["remoteConfigParameters"]!.AsArray().Remove(Manifests.Parameter(edited, "show_recommendations"));
        File.Copy(Manifests.CheckoutPath, Path.Combine(work, "old.json"));
        Manifests.Write(Path.Combine(work, "new.json"), edited);

        var help = await ProcessRunner.RunAsync("dotnet", ["hackle", "--help"], work, Timeout, environment);
        var diff = await ProcessRunner.RunAsync("dotnet", ["hackle", "diff", "old.json", "new.json", "--fail-on", "breaking"], work, Timeout, environment);

        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("hackle [command] [options]", help.Output);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("1 remote-config parameter removed (breaking)", diff.Output);
    }
}
