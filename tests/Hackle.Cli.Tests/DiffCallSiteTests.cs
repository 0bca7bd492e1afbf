using System.Text.Json;
using Hackle.Cli.Diff;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary>
/// <c>hackle diff OLD NEW --source DIR</c>: the finished items of the new manifest that the project's .cs files still
/// decide, found by a text scan of typed accessors and raw calls with the item's key.
/// </summary>
public sealed class DiffCallSiteTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRun _cli;

    public DiffCallSiteTests() => _cli = new CliRun(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private const string CheckoutSource = """
        using Hackle;
        using HackleFlags;

        public static class Pages
        {
            public static string Page(IHackleClient client, HackleUser user)
            {
                // Experiments.Checkout.Variation(user) in a comment is not a call site.
                switch (Experiments.Checkout.Variation(user))
                {
                    case Experiments.Checkout.Variant.B: return "one-page";
                }
                if (client.Variation(42, user) == "C") return "express";
                if (client.Variation(420, user) == "B") return "other experiment";
                if (Experiments.SearchRanking.Variation(user) == Experiments.SearchRanking.Variant.C) return "ranked";
                if (Features.NewCheckout.IsOn(user)) return "new";
                return Features.DarkMode.IsOn(client, user) ? "dark" : Experiments.OnboardingTour.Variation(user).ToString();
            }
        }
        """;

    /// <summary>The pull completes Checkout (42) with winner B; Onboarding Tour (43) and DarkMode (8) were finished already.</summary>
    private async Task<(string NewPath, string Source)> CompleteCheckoutAsync()
    {
        var edited = Manifests.LoadCheckout();
        var checkout = Manifests.Experiment(edited, 42);
        checkout["execution"]!["status"] = "STOPPED";
        checkout["winnerVariationId"] = 10422;
        var newPath = Manifests.Write(_temp.File("new.json"), edited);
        var source = Path.Combine(_temp.Path, "app");
        Directory.CreateDirectory(Path.Combine(source, "src"));
        Directory.CreateDirectory(Path.Combine(source, "obj"));
        await File.WriteAllTextAsync(Path.Combine(source, "src", "Pages.cs"), CheckoutSource.ReplaceLineEndings("\n"));
        // Build output is not the project's source.
        await File.WriteAllTextAsync(Path.Combine(source, "obj", "Generated.cs"), "class G { object X = Experiments.Checkout.Key; }");
        return (newPath, source);
    }

    [Fact]
    public async Task Finished_items_with_call_sites_are_listed_with_file_and_line_in_json()
    {
        var (newPath, source) = await CompleteCheckoutAsync();

        var result = await _cli.RunAsync(["diff", Manifests.CheckoutPath, newPath, "--json", "--source", source]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var finished = json.RootElement.GetProperty("finishedCallSites").EnumerateArray()
            .ToDictionary(
                e => (e.GetProperty("area").GetString(), e.GetProperty("key").GetInt64()),
                e => (Status: e.GetProperty("status").GetString(),
                      Sites: e.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("file").GetString() + ":" + s.GetProperty("line").GetInt32()).ToArray()));
        Assert.Equal(3, finished.Count);
        Assert.Equal("COMPLETED with winner B", finished[("experiment", 42)].Status);
        Assert.Equal(["src/Pages.cs:9", "src/Pages.cs:11", "src/Pages.cs:13"], finished[("experiment", 42)].Sites);
        Assert.Equal("COMPLETED with winner B", finished[("experiment", 43)].Status);
        Assert.Equal(["src/Pages.cs:17"], finished[("experiment", 43)].Sites);
        Assert.Equal("PAUSED", finished[("featureFlag", 8)].Status);
        Assert.Equal(["src/Pages.cs:17"], finished[("featureFlag", 8)].Sites);
        // The change itself is still reported.
        Assert.Contains(json.RootElement.GetProperty("changes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "archived");
    }

    [Fact]
    public async Task The_table_names_each_item_its_sites_and_the_clean_up_command()
    {
        var (newPath, source) = await CompleteCheckoutAsync();

        var result = await _cli.RunAsync(["diff", Manifests.CheckoutPath, newPath, "--source", source]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Finished items still decided in the source:", result.Out);
        Assert.Contains("experiment 'Checkout' (key 42) is COMPLETED with winner B: src/Pages.cs:9, src/Pages.cs:11, src/Pages.cs:13", result.Out);
        Assert.Contains("flag 'DarkMode' (key 8) is PAUSED: src/Pages.cs:17", result.Out);
        Assert.DoesNotContain("Search Ranking", result.Out.Split("Finished items")[1]);
        Assert.Contains("dotnet format analyzers --diagnostics HKA110 --severity info", result.Out);
    }

    [Fact]
    public async Task Without_call_sites_it_says_so_and_without_the_option_it_does_not_scan()
    {
        var (newPath, _) = await CompleteCheckoutAsync();
        var empty = Directory.CreateDirectory(Path.Combine(_temp.Path, "empty")).FullName;

        var scanned = await _cli.RunAsync(["diff", Manifests.CheckoutPath, newPath, "--source", empty]);
        var plain = await _cli.RunAsync(["diff", Manifests.CheckoutPath, newPath, "--json"]);

        Assert.Contains("No finished item has call sites in the source.", scanned.Out);
        using var json = JsonDocument.Parse(plain.Out);
        Assert.False(json.RootElement.TryGetProperty("finishedCallSites", out _));
    }

    [Fact]
    public async Task A_missing_source_directory_is_an_input_error()
    {
        var result = await _cli.RunAsync(["diff", Manifests.CheckoutPath, Manifests.CheckoutPath, "--source", Path.Combine(_temp.Path, "nowhere")]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("source directory", result.Error);
    }

    [Theory]
    [InlineData("Checkout", "Checkout")]
    [InlineData("Onboarding Tour", "OnboardingTour")]
    [InlineData("new-checkout v2", "NewCheckoutV2")]
    [InlineData("search_ranking.2025", "SearchRanking2025")]
    [InlineData("3d view", "_3DView")]
    [InlineData("Price (KRW)", "PriceKRW")]
    public void Names_become_the_identifiers_the_generator_derives(string name, string identifier) =>
        Assert.Equal(identifier, FinishedCallSites.Identifier(name));
}
