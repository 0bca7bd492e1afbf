using System.Security;

namespace Hackle.Package.Tests.Infrastructure;

/// <summary>
/// A fresh project in the run's temporary directory that uses the packed packages exactly as a user would:
/// PackageReference, a nuget.config with the local feed beside the normal source, and hackle.flags.json
/// beside the project file.
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    public ConsumerProject(PackageFeed feed, string name, string sdk, IEnumerable<string> packageIds, string properties)
    {
        Directory = Path.Combine(feed.Root, name);
        System.IO.Directory.CreateDirectory(Directory);
        var references = string.Concat(packageIds.Select(id =>
            $"    <PackageReference Include=\"{id}\" Version=\"{feed.Version}\" />\n"));
        Write(name + ".csproj", $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
            {properties}
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        Write("nuget.config", NuGetConfig(feed));
        File.Copy(feed.RepoManifestPath, ManifestPath);
    }

    public string Directory { get; }

    public string ManifestPath => Path.Combine(Directory, "hackle.flags.json");

    public string PathOf(string file) => Path.Combine(Directory, file);

    public void Write(string file, string text) => File.WriteAllText(PathOf(file).EnsureParent(), text);

    /// <summary>`dotnet build -c Release`; the first build restores, later ones reuse that restore.</summary>
    public Task<ProcessResult> BuildAsync(bool restore) => BuildAsync(restore, new Dictionary<string, string>());

    /// <summary>As <see cref="BuildAsync(bool)"/>, with MSBuild properties set on the command line (`-p:Name=Value`).</summary>
    public Task<ProcessResult> BuildAsync(bool restore, IReadOnlyDictionary<string, string> properties) =>
        DotNetCli.RunAsync(Directory, BuildTimeout,
            ["build", "-c", "Release", .. restore ? Array.Empty<string>() : ["--no-restore"], .. DotNetCli.BuildSwitches,
             .. properties.Select(p => $"-p:{p.Key}={p.Value}")]);

    /// <summary>The build output folder of `dotnet build -c Release` (net10.0).</summary>
    public string OutputDirectory => PathOf(Path.Combine("bin", "Release", "net10.0"));

    /// <summary>`dotnet run` of the last build with <paramref name="arguments"/> for the app.</summary>
    public Task<ProcessResult> RunAsync(params string[] arguments) =>
        DotNetCli.RunAsync(Directory, RunTimeout, ["run", "--no-build", "-c", "Release", "--no-launch-profile", "--", .. arguments]);

    /// <summary>
    /// The local feed for this run's packages and the normal source for everything else (clear + add both,
    /// so a machine-wide config cannot add or hide a source). Source mapping sends the packed ids only to
    /// the local feed, so an unrelated package of the same id elsewhere can never be picked.
    /// </summary>
    private static string NuGetConfig(PackageFeed feed)
    {
        var patterns = string.Concat(feed.PackageIds.Select(id => $"      <package pattern=\"{SecurityElement.Escape(id)}\" />\n"));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e-feed" value="{SecurityElement.Escape(feed.FeedDirectory)}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="e2e-feed">
            {patterns}    </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }
}
