using System.Xml.Linq;
using Hackle.Cli.Init;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary><c>hackle init</c> on fresh project directories.</summary>
public sealed class InitTests : IDisposable
{
    private const string Key = "init-KEY-94c1d0e2aa";
    private const string ConsoleProject = "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n";

    private readonly TempDirectory _temp = new();
    private readonly CliRun _cli;

    public InitTests() => _cli = new CliRun(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private string Project(string name = "App.csproj", string content = ConsoleProject)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static IReadOnlyList<XElement> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").ToList();

    [Fact]
    public async Task Adds_the_package_and_a_sample_manifest_to_a_console_project()
    {
        var project = Project();

        var result = await _cli.RunAsync("init");

        Assert.True(result.ExitCode == 0, result.ToString());
        var reference = Assert.Single(PackageReferences(project));
        Assert.Equal("HackleTyped", (string?)reference.Attribute("Include"));
        Assert.Equal(ProjectEditor.PackageVersion, (string?)reference.Attribute("Version"));
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(project));
        Assert.NotEqual(0xEF, File.ReadAllBytes(project)[0]);
        var manifest = File.ReadAllText(_temp.File("hackle.flags.json"));
        Assert.Equal(1, HackleWorkspace.Parse(manifest).ExperimentCount);
        Assert.Equal(1, HackleWorkspace.Parse(manifest).FeatureFlagCount);
        Assert.Contains("Wrote a sample hackle.flags.json", result.Out);
        Assert.Contains("HackleClient.Create(Environment.GetEnvironmentVariable(\"HACKLE_SDK_KEY\")!)", result.Out);
        Assert.Contains("Experiments.Checkout.Variation(new HackleUser(userId))", result.Out);
    }

    [Fact]
    public async Task A_web_project_gets_the_hosting_package()
    {
        var project = Project(content: "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net10.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");

        var result = await _cli.RunAsync("init");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("HackleTyped.Extensions.Hosting", (string?)Assert.Single(PackageReferences(project)).Attribute("Include"));
        Assert.Contains("builder.Services.AddHackle();", result.Out);
        Assert.Contains("Experiments.Checkout.Variation(hackle, new HackleUser(userId))", result.Out);
    }

    [Fact]
    public async Task Running_twice_changes_nothing_the_second_time()
    {
        var project = Project();
        Assert.Equal(0, (await _cli.RunAsync("init")).ExitCode);
        var projectBytes = File.ReadAllBytes(project);
        File.AppendAllText(_temp.File("hackle.flags.json"), " ");
        var manifestBytes = File.ReadAllBytes(_temp.File("hackle.flags.json"));

        var second = await _cli.RunAsync("init");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("already references HackleTyped", second.Out);
        Assert.Contains("hackle.flags.json is already there", second.Out);
        Assert.Equal(projectBytes, File.ReadAllBytes(project));
        Assert.Equal(manifestBytes, File.ReadAllBytes(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task With_a_key_it_pulls_the_manifest()
    {
        Project();
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, sdkKey: Key);

        var result = await _cli.RunAsync("init", "--sdk-key", Key, "--sdk-url", serve.Url.AbsoluteUri, "--strip-overrides");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain(Key, result.All);
        var manifest = File.ReadAllText(_temp.File("hackle.flags.json"));
        Assert.Equal(3, HackleWorkspace.Parse(manifest).ExperimentCount);
        Assert.DoesNotContain("qa-tester-1", manifest);
        Assert.Contains("Experiments.Checkout.Variation", result.Out);
    }

    [Fact]
    public async Task A_failed_pull_leaves_the_project_untouched()
    {
        var project = Project();
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, sdkKey: "another");

        var result = await _cli.RunAsync("init", "--sdk-key", Key, "--sdk-url", serve.Url.AbsoluteUri);

        Assert.Equal(4, result.ExitCode);
        Assert.Equal(ConsoleProject, File.ReadAllText(project));
        Assert.False(File.Exists(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task Central_package_versions_get_a_reference_without_version()
    {
        var project = Project();
        File.WriteAllText(_temp.File("Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>");

        var result = await _cli.RunAsync("init");

        Assert.Equal(0, result.ExitCode);
        Assert.Null(Assert.Single(PackageReferences(project)).Attribute("Version"));
        Assert.Contains("Directory.Packages.props", result.Out);
    }

    [Fact]
    public async Task No_project_exits_3()
    {
        var result = await _cli.RunAsync("init");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no .csproj in", result.Error);
        Assert.False(File.Exists(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task Two_projects_need_a_choice()
    {
        Project("A.csproj");
        var b = Project("B.csproj");

        var ambiguous = await _cli.RunAsync("init");
        var chosen = await _cli.RunAsync("init", "--project", "B.csproj");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("choose one with --project", ambiguous.Error);
        Assert.Equal(0, chosen.ExitCode);
        Assert.Single(PackageReferences(b));
    }
}
