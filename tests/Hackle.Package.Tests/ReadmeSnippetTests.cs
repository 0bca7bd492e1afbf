using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// README's C# blocks, built as written (see <see cref="ReadmeSnippets"/> for the only wrapping done) into one
/// ASP.NET Core project that references the packed hosting package, as a new user's app would.
/// </summary>
public sealed class ReadmeSnippetConsumer(PackageFeed feed) : IAsyncLifetime
{
    public PackageFeed Feed => feed;

    internal ConsumerProject Project { get; private set; } = null!;

    internal IReadOnlyList<ReadmeBlock> Blocks { get; private set; } = [];

    internal IReadOnlyList<ReadmeSnippetProgram> Programs { get; private set; } = [];

    internal ProcessResult Build { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var readme = ReadmeDocument.PathIn(feed.RepoRoot);
        Blocks = ReadmeDocument.Blocks(await File.ReadAllTextAsync(readme));
        Programs = ReadmeSnippets.Programs(Blocks);
        Project = new ConsumerProject(feed, "readme", "Microsoft.NET.Sdk.Web", feed.PackageIds.Where(id => id != PackageFeed.MainPackageId).ToArray(),
            $"    <RootNamespace>{ReadmeSnippets.RootNamespace}</RootNamespace>\n    <ImplicitUsings>enable</ImplicitUsings>");
        Project.Write("Program.cs", "System.Console.WriteLine(\"README snippets compiled\");\n");
        foreach (var program in Programs) Project.Write(program.FileName, ReadmeSnippets.Source(program, readme));
        Build = await Project.BuildAsync(restore: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(PackedPackageCollection.Name)]
public sealed class ReadmeSnippetTests(ReadmeSnippetConsumer readme, ITestOutputHelper log) : IClassFixture<ReadmeSnippetConsumer>
{
    [Fact]
    public void EveryCSharpBlockOfReadmeCompilesAgainstThePackedPackages()
    {
        log.WriteLine($"README: {readme.Blocks.Count(b => b.Language == "csharp")} C# blocks in {readme.Programs.Count} programs; build {readme.Build.Elapsed.TotalSeconds:F1} s");
        Assert.True(readme.Build.Succeeded, "README's C# blocks do not compile as written (errors point at README.md lines):\n" + readme.Build);

        // Compiled as written means without a warning of ours too: a README that teaches code the analyzers flag would mislead.
        var ours = BuildOutput.Diagnostics(readme.Build, "HK");
        Assert.True(ours.Length == 0, "README's C# blocks get Hackle diagnostics:\n" + string.Join('\n', ours));
    }

    [Fact]
    public void EveryCSharpBlockIsCompiledUnlessMarkedSkipWithAReason()
    {
        var csharp = readme.Blocks.Where(b => b.Language == "csharp").ToArray();
        Assert.True(csharp.Length >= 5, "README should show the quick start, typed accessors and hosting in C#");

        var compiled = readme.Programs.SelectMany(p => p.Blocks).ToHashSet();
        foreach (var block in csharp)
        {
            // Kind throws on a marker it does not know, so a misspelt "skip" cannot silently leave a block out.
            if (ReadmeSnippets.Kind(block) == ReadmeSnippets.SkipMarker) Assert.DoesNotContain(block, compiled);
            else Assert.Contains(block, compiled);
        }
        // Each program is compiled: its class is in the project.
        foreach (var program in readme.Programs)
            Assert.Contains($"internal static class {program.ClassName}", File.ReadAllText(readme.Project.PathOf(program.FileName)));
    }

    [Fact]
    public void NoCSharpBlockHidesBehindAnotherLanguageTag()
    {
        // A C# block tagged "cs" or "c#" would escape the compile test above.
        var untested = readme.Blocks.Where(b => b.Language is "cs" or "c#" or "C#" or "CSharp").Select(b => $"README.md line {b.FirstCodeLine}").ToArray();
        Assert.Empty(untested);
    }

    [Fact]
    public void GeneratorDocsSayThePackageCarriesTheGenerator()
    {
        var docs = File.ReadAllText(Path.Combine(readme.Feed.RepoRoot, "docs", "generator.md"));
        Assert.Contains("The `HackleTyped` package carries the generator", docs);
        Assert.DoesNotContain("not ship", docs, StringComparison.OrdinalIgnoreCase);
    }
}
