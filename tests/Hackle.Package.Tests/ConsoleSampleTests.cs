using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// README's first command, `dotnet run --project samples/Checkout.Console`, run as written in a copy of the
/// repository (top-level files, src and samples), and its output compared with the lines README documents.
/// </summary>
public sealed class ConsoleSampleRun(PackageFeed feed) : IAsyncLifetime
{
    internal string CommandLine { get; private set; } = "";

    internal string[] DocumentedLines { get; private set; } = [];

    internal ProcessResult Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var blocks = ReadmeDocument.Blocks(await File.ReadAllTextAsync(ReadmeDocument.PathIn(feed.RepoRoot)));
        var index = blocks.ToList().FindIndex(b => b.Language == "sh" && b.Code.Contains("samples/Checkout.Console", StringComparison.Ordinal));
        if (index < 0 || index + 1 >= blocks.Count || blocks[index + 1].Language != "text")
            throw new InvalidOperationException("README should show the console sample's command followed by its output in a ```text block.");
        CommandLine = blocks[index].CommandLines.Single();
        DocumentedLines = blocks[index + 1].Code.Split('\n').Where(l => l.Trim().Length > 0).ToArray();

        var copy = feed.SampleSource();
        var environment = new Dictionary<string, string> { ["UseSharedCompilation"] = "false" };
        Run = await DotNetCli.RunAsync(copy, TimeSpan.FromMinutes(10), environment, ReadmeDocument.Arguments(CommandLine)[1..]);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[Collection(PackedPackageCollection.Name)]
public sealed class ConsoleSampleTests(ConsoleSampleRun sample, ITestOutputHelper log) : IClassFixture<ConsoleSampleRun>
{
    [Fact]
    public void PrintsExactlyTheLinesReadmeDocuments()
    {
        log.WriteLine($"{sample.Run.Command}: {sample.Run.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("dotnet run --project samples/Checkout.Console", sample.CommandLine);
        Assert.True(sample.Run.Succeeded, sample.Run.ToString());
        var printed = sample.Run.Output.Replace("\r\n", "\n").Split('\n');
        foreach (var line in sample.DocumentedLines)
            Assert.True(printed.Contains(line), $"README documents the line\n{line}\nwhich the sample does not print:\n{sample.Run}");
    }

    [Fact]
    public void UsersOutsideTheTrafficAreCountedApartFromTheDefaultVariation()
    {
        Assert.True(sample.Run.Succeeded, sample.Run.ToString());
        var lines = sample.Run.Output.Replace("\r\n", "\n").Split('\n');

        // The variation counts plus the unassigned users make the 10,000; A's count leaves the unassigned out.
        var first = Array.FindIndex(lines, l => l.StartsWith("Checkout (experiment 42)", StringComparison.Ordinal));
        var last = Array.FindIndex(lines, l => l.StartsWith("  by reason:", StringComparison.Ordinal));
        Assert.True(first >= 0 && last > first, sample.Run.ToString());
        var counts = lines[(first + 1)..last]
            .ToDictionary(l => l.Trim().Split(':')[0], l => int.Parse(l.Split(':')[1].Trim().Split(' ')[0].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["A", "B", "C", "not assigned"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(10_000, counts.Values.Sum());

        var notAllocated = lines.Single(l => l.Contains("by reason:", StringComparison.Ordinal)).Split("TRAFFIC_NOT_ALLOCATED ")[1].Split(',')[0];
        Assert.Equal(counts["not assigned"], int.Parse(notAllocated.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(counts["not assigned"] > 0, "the sample's experiment has 90 % traffic: some users must fall outside");
    }
}
