using System.Text.Json.Nodes;
using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests.Cleanup;

/// <summary>
/// After a pull that completes an experiment, one command removes its dead code: a consumer of the packed package
/// builds with CS0618 at each use of the COMPLETED experiment, `dotnet format analyzers --diagnostics HKA110
/// --severity info` applies the package's clean-up fix, and the project then builds without CS0618 and behaves as
/// the winner (before, with no client, the accessors return the control).
/// </summary>
[Collection(PackedPackageCollection.Name)]
public sealed class FormatCleanupTests(PackageFeed feed, ITestOutputHelper log)
{
    private static readonly TimeSpan FormatTimeout = TimeSpan.FromMinutes(8);

    private const string Program = """
        using System;
        using Hackle;
        using ShopApp;

        var user = new HackleUser(args.Length > 0 ? args[0] : "user-1");
        // Which checkout the user sees.
        switch (Experiments.Checkout.Variation(user))
        {
            case Experiments.Checkout.Variant.B:
                Console.WriteLine("checkout=one-page");
                break;
            default:
                Console.WriteLine("checkout=three-step");
                break;
        }
        if (Experiments.Checkout.Variation(user) == Experiments.Checkout.Variant.C)
        {
            Console.WriteLine("express");
        }
        Console.WriteLine("done");
        """;

    [Fact]
    public async Task One_command_removes_a_completed_experiments_dead_code()
    {
        var project = new ConsumerProject(feed, "cleanup", "Microsoft.NET.Sdk", [PackageFeed.MainPackageId],
            "    <RootNamespace>ShopApp</RootNamespace>");
        CompleteCheckoutWithWinnerB(project.ManifestPath);
        project.Write("Program.cs", Program);

        var before = await project.BuildAsync(restore: true);
        Assert.True(before.Succeeded, before.ToString());
        Assert.Contains("CS0618", before.Output);
        var beforeRun = await project.RunAsync();
        Assert.Contains("checkout=three-step", beforeRun.Output);

        var format = await DotNetCli.RunAsync(project.Directory, FormatTimeout,
            ["format", "analyzers", "--diagnostics", "HKA110", "--severity", "info", "--no-restore", "-v", "diag"]);
        log.WriteLine(format.ToString());
        Assert.True(format.Succeeded, format.ToString());

        var cleaned = File.ReadAllText(project.PathOf("Program.cs"));
        log.WriteLine(cleaned);
        Assert.DoesNotContain("Experiments.Checkout", cleaned);
        Assert.DoesNotContain("three-step", cleaned);
        Assert.DoesNotContain("express", cleaned);
        Assert.Contains("// Which checkout the user sees.", cleaned);

        var after = await project.BuildAsync(restore: false);
        Assert.True(after.Succeeded, after.ToString());
        Assert.DoesNotContain("CS0618", after.Output);
        var afterRun = await project.RunAsync();
        Assert.Contains("checkout=one-page", afterRun.Output);
        Assert.Contains("done", afterRun.Output);
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
