using System.Text.Json.Nodes;
using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests.Cleanup;

/// <summary>
/// README's clean-up workflow on the web sample, in a copy of the repository: experiment 42 (Checkout) is marked
/// COMPLETED with winner B in the manifest, the sample is built once (CS0618 at each use), README's command runs in the
/// sample's directory, and then only the winner's code is left: the project builds, its only warnings are CS0618 at the
/// `VariationDetail` use the fix leaves to a person (its reason has no fixed value), and with
/// HackleFlags_FinishedItems=diagnostic it builds with warnings as errors.
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class WebSampleCleanupTests(PackageFeed feed, ITestOutputHelper log)
{
    private const string Section = "Cleaning up finished experiments";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Completing_the_samples_experiment_and_running_readmes_command_leaves_only_the_winners_code()
    {
        var command = ReadmeCommand();
        Assert.Equal("dotnet format analyzers --diagnostics HKA110 --severity info", command);

        var copy = feed.CopySource("web-sample-cleanup", "src", "samples");
        CompleteCheckoutWithWinnerB(Path.Combine(copy, "hackle.flags.json"));
        var sample = Path.Combine(copy, "samples", "Checkout.Web");
        var program = Path.Combine(sample, "Program.cs");
        Assert.Contains("Experiments.Checkout.Variant.C => \"express\"", File.ReadAllText(program));

        // `dotnet format` loads the sample's Debug configuration, where its analyzers (repository projects) are built.
        var before = await DotNetCli.RunAsync(sample, Timeout, ["build", .. DotNetCli.BuildSwitches]);
        Assert.True(before.Succeeded, before.ToString());
        Assert.Contains(BuildOutput.Diagnostics(before, "CS0618"), l => l.Contains("'Experiments.Checkout' is obsolete", StringComparison.Ordinal));

        var format = await DotNetCli.RunAsync(sample, Timeout, ReadmeDocument.Arguments(command)[1..]);
        log.WriteLine(format.ToString());
        Assert.True(format.Succeeded, format.ToString());

        var cleaned = File.ReadAllText(program);
        log.WriteLine(cleaned);
        Assert.Contains("layout = \"one-page\",", cleaned);
        Assert.Contains("variation = \"B\",", cleaned);
        Assert.DoesNotContain("express", cleaned);
        Assert.DoesNotContain("three-step", cleaned);
        Assert.DoesNotContain("Experiments.Checkout.Variation(", cleaned);
        Assert.DoesNotContain("Experiments.Checkout.Variant", cleaned);
        // What is still live stays: the running flag, the remote config, and the detail endpoint that is left to a person.
        Assert.Contains("newCheckout = Features.NewCheckout.IsOn(user),", cleaned);
        Assert.Contains("hackle.RemoteConfig(user).GetString(\"checkout_banner_text\", \"Welcome\")", cleaned);
        Assert.Contains("Experiments.Checkout.VariationDetail(hackle, user)", cleaned);

        var after = await DotNetCli.RunAsync(sample, Timeout, ["build", "--no-restore", .. DotNetCli.BuildSwitches]);
        Assert.True(after.Succeeded, after.ToString());
        var detailLine = Array.FindIndex(cleaned.Replace("\r\n", "\n").Split('\n'), l => l.Contains("VariationDetail(", StringComparison.Ordinal)) + 1;
        var warnings = after.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToArray();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Matches($@"Program\.cs\({detailLine},\d+\): warning CS0618: 'Experiments\.Checkout' is obsolete", w));

        var strict = await DotNetCli.RunAsync(sample, Timeout,
            ["build", "--no-restore", "-warnaserror", "-p:HackleFlags_FinishedItems=diagnostic", .. DotNetCli.BuildSwitches]);
        Assert.True(strict.Succeeded, strict.ToString());
        Assert.DoesNotContain(": warning ", strict.Output);
    }

    /// <summary>The one command of README's clean-up section.</summary>
    private string ReadmeCommand()
    {
        var readme = File.ReadAllText(ReadmeDocument.PathIn(feed.RepoRoot));
        var block = ReadmeDocument.Blocks(readme).Single(b => b.Section == Section && b.Language == "sh" && b.Code.Contains("HKA110", StringComparison.Ordinal));
        return block.CommandLines.Single();
    }

    /// <summary>The pull: experiment 42 (Checkout) is STOPPED in Hackle with variation B as the winner.</summary>
    private static void CompleteCheckoutWithWinnerB(string manifestPath)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var checkout = manifest["experiments"]!.AsArray().Single(e => (long)e!["key"]! == 42)!;
        var winner = checkout["variations"]!.AsArray().Single(v => (string)v!["key"]! == "B")!;
        checkout["winnerVariationId"] = (long)winner["id"]!;
        checkout["execution"]!["status"] = "STOPPED";
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }
}
