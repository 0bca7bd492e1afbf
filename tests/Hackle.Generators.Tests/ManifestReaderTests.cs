using Hackle.Generators.Manifest;
using Hackle.Generators.Tests.Infrastructure;
using Hackle.Manifest;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>The manifest model: what the generator (and the analyzers, which link Manifest/) see of hackle.flags.json.</summary>
public class ManifestReaderTests
{
    private static ManifestModel Read(string text) => ManifestReader.Read("/repo/hackle.flags.json", SourceText.From(text), CancellationToken.None);

    [Fact]
    public void ReadsTheRepoManifest()
    {
        var model = Read(File.ReadAllText(RepoPaths.RepoManifest));
        Assert.True(model.IsValid);

        Assert.Equal(new long[] { 42, 43, 44 }, model.Experiments.Select(e => e.Key));
        var checkout = model.Experiments[0];
        Assert.Equal("Checkout", checkout.Name);
        Assert.Equal(ItemStatus.Running, checkout.Status);
        Assert.Equal(new[] { "A", "B", "C" }, checkout.Variations.Select(v => v.Key));
        Assert.Equal("One-page checkout", checkout.Variations[1].Name);

        var tour = model.Experiments[1];
        Assert.Equal(ItemStatus.Completed, tour.Status); // from execution.status STOPPED, not the top-level "EXECUTED"
        Assert.Equal("B", tour.WinnerVariationKey);
        Assert.True(model.Experiments[2].Variations[1].IsDropped);

        Assert.Equal(new long[] { 7, 8 }, model.FeatureFlags.Select(f => f.Key));
        Assert.Equal(ItemStatus.Paused, model.FeatureFlags[1].Status);

        Assert.Equal(new[] { "checkout_banner_text", "free_shipping_threshold", "show_recommendations" }, model.RemoteConfigParameters.Select(p => p.Key));
        Assert.Equal(new[] { "Free shipping on orders over $50", "50", "true" }, model.RemoteConfigParameters.Select(p => p.DefaultValue));
        Assert.Equal(new[] { RemoteConfigType.String, RemoteConfigType.Number, RemoteConfigType.Boolean }, model.RemoteConfigParameters.Select(p => p.Type));
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void ModelsAreEqualForEqualText()
    {
        var text = File.ReadAllText(RepoPaths.RepoManifest);
        Assert.Equal(Read(text), Read(text));
        Assert.NotEqual(Read(text), Read(text.Replace("Express checkout", "Express")));
    }

    [Fact]
    public void LocationsPointAtNames()
    {
        var model = Read("{\r\n  \"featureFlags\": [\r\n    { \"key\": 5, \"name\": \"Beta\", \"execution\": { \"status\": \"RUNNING\", \"defaultRule\": { \"type\": \"BUCKET\", \"bucketId\": 1 } } }\r\n  ]\r\n}");
        var location = model.FeatureFlags.Single().Location;
        Assert.Equal(new LinePosition(2, 24), location.LineSpan.Start);
        Assert.Equal("\"Beta\"", "{\r\n  \"featureFlags\": [\r\n    { \"key\": 5, \"name\": \"Beta\", \"execution\": { \"status\": \"RUNNING\", \"defaultRule\": { \"type\": \"BUCKET\", \"bucketId\": 1 } } }\r\n  ]\r\n}"
            .Substring(location.Span.Start, location.Span.Length));
    }

    [Fact]
    public void LowerCaseVariationKeysAreNormalizedAndOthersSkipped()
    {
        var model = Read("""
            { "experiments": [ { "key": 1, "execution": { "status": "READY", "defaultRule": { "type": "BUCKET", "bucketId": 1 } },
              "variations": [ { "key": "a" }, { "key": "b" }, { "key": "K" }, { "name": "no key" } ] } ] }
            """);
        Assert.Equal(new[] { "A", "B" }, model.Experiments.Single().Variations.Select(v => v.Key));
        Assert.Equal(ItemStatus.Draft, model.Experiments.Single().Status);
        var skipped = Assert.Single(model.Diagnostics);
        Assert.Equal(ManifestProblem.SkippedItem, skipped.Problem);
        Assert.Equal("Variation 'K' of key 1", skipped.Arguments[0]);
    }

    [Fact]
    public void NullListsAreEmpty()
    {
        var model = Read("{ \"experiments\": null, \"featureFlags\": [] }");
        Assert.True(model.IsValid);
        Assert.Empty(model.Experiments);
        Assert.Empty(model.Diagnostics);
    }
}

/// <summary>The reader applies the shared rules of Hackle.Manifest, so it skips exactly what the runtime drops.</summary>
public class ManifestReaderSharedRulesTests
{
    private const string Rule = "\"defaultRule\": { \"type\": \"BUCKET\", \"bucketId\": 1 }";

    private static ManifestModel Read(string text) => ManifestReader.Read("/repo/hackle.flags.json", SourceText.From(text), CancellationToken.None);

    private static string Experiment(string key, string execution = "\"status\": \"RUNNING\", " + Rule, string extra = "") =>
        "{ \"key\": " + key + ", \"variations\": [ { \"id\": 1, \"key\": \"A\" }, { \"id\": 2, \"key\": \"B\" } ], \"execution\": { " + execution + " }" + extra + " }";

    private static string Skipped(ManifestModel model) =>
        string.Join("\n", model.Diagnostics.Where(d => d.Problem == ManifestProblem.SkippedItem).Select(d => d.Arguments[0] + ": " + d.Arguments[1]));

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        var model = Read("\uFEFF{ \"experiments\": [ " + Experiment("42") + " ] }");

        Assert.True(model.IsValid);
        Assert.Equal(42, model.Experiments.Single().Key);
        Assert.Empty(model.Diagnostics);
    }

    [Fact]
    public void Integer_fields_follow_Java_numeric_strings_and_integral_numbers_are_read()
    {
        var model = Read("{ \"experiments\": [ " + Experiment("\"42\"") + ", " + Experiment("43.0") + ", " + Experiment("\"x\"") + ", " + Experiment("4.5") + " ] }");

        Assert.Equal(new long[] { 42, 43 }, model.Experiments.Select(e => e.Key));
        Assert.Equal("experiments[2]: 'key' is not an integer, so the SDK ignores it\nexperiments[3]: 'key' is not an integer, so the SDK ignores it", Skipped(model));
    }

    [Fact]
    public void A_wrongly_typed_field_anywhere_in_an_item_skips_the_item_as_the_runtime_drops_it()
    {
        var model = Read("{ \"experiments\": [ " +
                         Experiment("1", "\"status\": \"RUNNING\", \"version\": \"v2\", " + Rule) + ", " +
                         Experiment("2", "\"status\": \"RUNNING\", \"targetRules\": [ { \"action\": { \"type\": \"VARIATION\", \"variationId\": {} } } ], " + Rule) + ", " +
                         Experiment("3", extra: ", \"name\": 7") + ", " +
                         Experiment("4") + " ], " +
                         "\"remoteConfigParameters\": [ { \"key\": \"p\", \"type\": \"STRING\", \"defaultValue\": { \"id\": \"x\", \"value\": \"v\" } } ] }");

        Assert.Equal(new long[] { 4 }, model.Experiments.Select(e => e.Key));
        Assert.Empty(model.RemoteConfigParameters);
        Assert.Equal(string.Join("\n",
            "experiments[0]: 'execution.version' is not a 32-bit integer, so the SDK ignores it",
            "experiments[1]: 'execution.targetRules[0].action.variationId' is not an integer, so the SDK ignores it",
            "experiments[2]: 'name' is not a string, so the SDK ignores it",
            "remoteConfigParameters[0]: 'defaultValue.id' is not an integer, so the SDK ignores it"), Skipped(model));
    }

    [Fact]
    public void Items_without_a_usable_default_rule_are_skipped_with_the_runtime_reason()
    {
        var model = Read("{ \"featureFlags\": [ " +
                         Experiment("1", "\"status\": \"RUNNING\"") + ", " +
                         Experiment("2", "\"status\": \"RUNNING\", \"defaultRule\": { \"type\": \"VARIATION\" }") + ", " +
                         Experiment("3") + " ] }");

        Assert.Equal(new long[] { 3 }, model.FeatureFlags.Select(f => f.Key));
        Assert.Equal(string.Join("\n",
            "Feature flag key 1: it has no 'execution.defaultRule', so the SDK ignores it",
            "Feature flag key 2: 'execution.defaultRule' is VARIATION without 'variationId', so the SDK ignores it"), Skipped(model));
    }

    [Fact]
    public void Single_variation_experiments_stay_in_the_model_like_in_the_runtime()
    {
        var model = Read("{ \"experiments\": [ { \"key\": 1, \"variations\": [ { \"id\": 1, \"key\": \"A\" } ], \"execution\": { \"status\": \"RUNNING\", " + Rule + " } } ] }");

        Assert.Equal("A", model.Experiments.Single().Variations.Single().Key);
    }

    [Fact]
    public void Version_parameters_are_kept_as_strings_like_the_runtime_keeps_them()
    {
        var model = Read("{ \"remoteConfigParameters\": [ { \"key\": \"min_app\", \"type\": \"VERSION\", \"defaultValue\": { \"id\": 1, \"value\": \"1.2.0\" } } ] }");

        var parameter = model.RemoteConfigParameters.Single();
        Assert.Equal(("VERSION", RemoteConfigType.String, "1.2.0"), (parameter.WireType, parameter.Type, parameter.DefaultValue));
    }

    [Fact]
    public void Every_root_list_the_runtime_binds_must_be_an_array()
    {
        var model = Read("{ \"experiments\": [], \"buckets\": {} }");

        Assert.False(model.IsValid);
        Assert.Equal(ManifestProblem.UnsupportedFormat, model.Diagnostics.Single().Problem);
    }
}
