using System.Text.Json;
using System.Text.Json.Nodes;
using Hackle.Cli.Diff;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary>
/// <c>hackle diff</c>: one edit of the vendored manifest per change kind, each checked for its kind and
/// whether it is breaking, plus exit codes, output forms and errors.
/// </summary>
public sealed class DiffTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CliRun _cli;

    public DiffTests() => _cli = new CliRun(_temp.Path);

    public void Dispose() => _temp.Dispose();

    /// <summary>The table of change kinds: an edit, the kinds it must produce, and the first one's breaking flag.</summary>
    public static TheoryData<string, string, string, bool, string[]> ChangeKindTable() => new()
    {
        // case name, expected kind, area, breaking, extra command-line options
        { "experiment added", "added", "experiment", false, [] },
        { "experiment removed", "removed", "experiment", true, [] },
        { "experiment renamed", "renamed", "experiment", true, [] },
        { "experiment completed with winner", "archived", "experiment", false, [] },
        { "experiment completed, archived items omitted", "archived", "experiment", true, ["--archived", "omit"] },
        { "experiment back to running", "unarchived", "experiment", false, [] },
        { "experiment paused", "status-changed", "experiment", false, [] },
        { "experiment winner changed", "winner-changed", "experiment", false, [] },
        { "experiment description changed", "description-changed", "experiment", false, [] },
        { "variation added", "variation-added", "experiment", false, [] },
        { "variation removed", "variation-removed", "experiment", true, [] },
        { "variation dropped", "variation-dropped", "experiment", false, [] },
        { "variation restored", "variation-restored", "experiment", false, [] },
        { "variation renamed", "variation-renamed", "experiment", false, [] },
        { "variation renamed, enum from names", "variation-renamed", "experiment", true, ["--variant-names", "name"] },
        { "flag added", "added", "featureFlag", false, [] },
        { "flag removed", "removed", "featureFlag", true, [] },
        { "flag renamed", "renamed", "featureFlag", true, [] },
        { "flag paused", "archived", "featureFlag", false, [] },
        { "flag paused, archived items omitted", "archived", "featureFlag", true, ["--archived", "omit"] },
        { "flag resumed", "unarchived", "featureFlag", false, [] },
        { "parameter added", "added", "remoteConfig", false, [] },
        { "parameter removed", "removed", "remoteConfig", true, [] },
        { "parameter key changed", "key-changed", "remoteConfig", true, [] },
        { "parameter type changed", "type-changed", "remoteConfig", true, [] },
        { "parameter STRING to JSON", "wire-type-changed", "remoteConfig", false, [] },
        { "parameter default changed", "default-value-changed", "remoteConfig", false, [] },
        { "parameter description added", "description-changed", "remoteConfig", false, [] },
    };

    private static void Edit(string name, JsonObject root)
    {
        switch (name)
        {
            case "experiment added":
                var copy = Manifests.Experiment(root, 42).DeepClone().AsObject();
                copy["key"] = 45; copy["id"] = 1045; copy["name"] = "Pricing";
                root["experiments"]!.AsArray().Add(copy);
                break;
            case "experiment removed":
                root["experiments"]!.AsArray().Remove(Manifests.Experiment(root, 44));
                break;
            case "experiment renamed":
                Manifests.Experiment(root, 42)["name"] = "Checkout Flow";
                break;
            case "experiment completed with winner":
            case "experiment completed, archived items omitted":
                Manifests.Experiment(root, 42)["execution"]!["status"] = "STOPPED";
                break;
            case "experiment back to running":
                Manifests.Experiment(root, 43)["execution"]!["status"] = "RUNNING";
                break;
            case "experiment paused":
                Manifests.Experiment(root, 42)["execution"]!["status"] = "PAUSED";
                break;
            case "experiment winner changed":
                Manifests.Experiment(root, 43)["winnerVariationId"] = 10431;
                break;
            case "experiment description changed":
                Manifests.Experiment(root, 42)["description"] = "Only the one-page variant is left.";
                break;
            case "variation added":
                Manifests.Experiment(root, 42)["variations"]!.AsArray().Add(new JsonObject { ["id"] = 10424, ["key"] = "D", ["name"] = "Wallet", ["status"] = "ACTIVE" });
                break;
            case "variation removed":
                var experiment = Manifests.Experiment(root, 42);
                experiment["variations"]!.AsArray().Remove(Manifests.Variation(experiment, "C"));
                break;
            case "variation dropped":
                Manifests.Variation(Manifests.Experiment(root, 42), "C")["status"] = "DROPPED";
                break;
            case "variation restored":
                Manifests.Variation(Manifests.Experiment(root, 44), "B")["status"] = "ACTIVE";
                break;
            case "variation renamed":
            case "variation renamed, enum from names":
                Manifests.Variation(Manifests.Experiment(root, 42), "A")["name"] = "Classic checkout";
                break;
            case "flag added":
                var flag = Manifests.Flag(root, 7).DeepClone().AsObject();
                flag["key"] = 9; flag["id"] = 2009; flag["name"] = "OneClick";
                root["featureFlags"]!.AsArray().Add(flag);
                break;
            case "flag removed":
                root["featureFlags"]!.AsArray().Remove(Manifests.Flag(root, 8));
                break;
            case "flag renamed":
                Manifests.Flag(root, 7)["name"] = "NewCheckoutFlow";
                break;
            case "flag paused":
            case "flag paused, archived items omitted":
                Manifests.Flag(root, 7)["execution"]!["status"] = "PAUSED";
                break;
            case "flag resumed":
                Manifests.Flag(root, 8)["execution"]!["status"] = "RUNNING";
                break;
            case "parameter added":
                var parameter = Manifests.Parameter(root, "show_recommendations").DeepClone().AsObject();
                parameter["id"] = 8004; parameter["key"] = "show_reviews";
                root["remoteConfigParameters"]!.AsArray().Add(parameter);
                break;
            case "parameter removed":
                root["remoteConfigParameters"]!.AsArray().Remove(Manifests.Parameter(root, "show_recommendations"));
                break;
            case "parameter key changed":
                Manifests.Parameter(root, "checkout_banner_text")["key"] = "banner_text";
                break;
            case "parameter type changed":
                // The default's JSON text stays "true", so only the type changes.
                Manifests.Parameter(root, "show_recommendations")["type"] = "NUMBER";
                break;
            case "parameter STRING to JSON":
                Manifests.Parameter(root, "checkout_banner_text")["type"] = "JSON";
                break;
            case "parameter default changed":
                Manifests.Parameter(root, "free_shipping_threshold")["defaultValue"]!["value"] = 75;
                break;
            case "parameter description added":
                Manifests.Parameter(root, "free_shipping_threshold")["description"] = "In dollars.";
                break;
            default:
                throw new ArgumentException("no edit named " + name);
        }
    }

    [Theory]
    [MemberData(nameof(ChangeKindTable))]
    public async Task Each_change_kind_is_found_and_classified(string name, string kind, string area, bool breaking, string[] options)
    {
        var edited = Manifests.LoadCheckout();
        Edit(name, edited);
        var newPath = Manifests.Write(_temp.File("new.json"), edited);

        var result = await _cli.RunAsync(["diff", Manifests.CheckoutPath, newPath, "--json", .. options]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var changes = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        var change = Assert.Single(changes);
        Assert.Equal(kind, change.GetProperty("kind").GetString());
        Assert.Equal(area, change.GetProperty("area").GetString());
        Assert.Equal(breaking, change.GetProperty("breaking").GetBoolean());
        Assert.Equal(breaking, json.RootElement.GetProperty("breaking").GetBoolean());
    }

    [Fact]
    public void The_table_covers_every_change_kind()
    {
        var covered = ChangeKindTable().Select(row => (string)row[1]).ToHashSet();
        var missing = Enum.GetValues<ChangeKind>().Select(k => k.ToDisplayName()).Where(k => !covered.Contains(k)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Identical_manifests_have_no_changes()
    {
        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, Manifests.CheckoutPath, "--fail-on", "any");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No changes for the code.", result.Out);
    }

    [Fact]
    public async Task Reordered_properties_and_items_are_no_change()
    {
        var root = Manifests.LoadCheckout();
        var reordered = new JsonObject();
        foreach (var (key, value) in root.Reverse().ToList())
        {
            root.Remove(key);
            if (value is JsonArray array)
            {
                var items = array.ToList();
                array.Clear();
                items.Reverse();
                reordered[key] = new JsonArray(items.ToArray());
            }
            else reordered[key] = value;
        }
        var path = Manifests.Write(_temp.File("reordered.json"), reordered);

        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, path, "--fail-on", "any");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Table_lists_changes_and_summarises_them()
    {
        var edited = Manifests.LoadCheckout();
        Edit("variation removed", edited);
        Edit("experiment added", edited);
        Edit("flag added", edited);
        var newPath = Manifests.Write(_temp.File("new.json"), edited);

        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, newPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("variation C removed", result.Out);
        Assert.Contains("experiment 'Pricing' (key 45)", result.Out);
        Assert.Contains("1 variation removed in 'Checkout' (key 42) (breaking), 1 experiment added, 1 feature flag added", result.Out);
    }

    [Theory]
    [InlineData("variation removed", "breaking", 1)]
    [InlineData("variation removed", "any", 1)]
    [InlineData("variation removed", "none", 0)]
    [InlineData("variation dropped", "breaking", 0)]
    [InlineData("variation dropped", "any", 1)]
    public async Task Fail_on_sets_the_exit_code(string edit, string failOn, int exitCode)
    {
        var edited = Manifests.LoadCheckout();
        Edit(edit, edited);
        var newPath = Manifests.Write(_temp.File("new.json"), edited);

        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, newPath, "--fail-on", failOn);

        Assert.Equal(exitCode, result.ExitCode);
    }

    [Fact]
    public async Task Recorded_config_diffs_against_an_edited_copy()
    {
        var root = (JsonObject)JsonNode.Parse(File.ReadAllText(Manifests.RecordedGoPath))!;
        var removed = root["experiments"]!.AsArray().First(e => (string?)e!["execution"]?["status"] == "RUNNING")!;
        var key = (long)removed["key"]!;
        root["experiments"]!.AsArray().Remove(removed);
        var newPath = Manifests.Write(_temp.File("new.json"), root);

        var result = await _cli.RunAsync("diff", Manifests.RecordedGoPath, newPath, "--json", "--fail-on", "breaking");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        var change = Assert.Single(json.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("removed", change.GetProperty("kind").GetString());
        Assert.Equal(key.ToString(System.Globalization.CultureInfo.InvariantCulture), change.GetProperty("key").GetString());
    }

    [Fact]
    public async Task A_missing_file_is_an_input_error_naming_it()
    {
        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, "nowhere.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("nowhere.json was not found", result.Error);
    }

    [Fact]
    public async Task Invalid_json_is_an_input_error_with_its_position()
    {
        File.WriteAllText(_temp.File("broken.json"), "{\n  \"experiments\": [\n    {,\n  ]\n}\n");

        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, "broken.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("broken.json is not valid JSON at line 3", result.Error);
    }

    [Fact]
    public async Task A_wrong_shape_is_an_input_error()
    {
        File.WriteAllText(_temp.File("array.json"), "{ \"experiments\": 5 }");

        var result = await _cli.RunAsync("diff", Manifests.CheckoutPath, "array.json");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("'experiments' is not an array", result.Error);
    }

    [Theory]
    [InlineData("diff", "a.json")]
    [InlineData("diff", "a.json", "b.json", "--fail-on", "sometimes")]
    [InlineData("diff", "a.json", "b.json", "--colour")]
    public async Task Usage_errors_exit_2_and_point_to_help(params string[] args)
    {
        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("hackle diff --help", result.Error);
    }

    [Fact]
    public async Task Help_describes_the_command()
    {
        var result = await _cli.RunAsync("diff", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--fail-on", result.Out);
        Assert.Contains("Breaking", result.Out);
    }
}
