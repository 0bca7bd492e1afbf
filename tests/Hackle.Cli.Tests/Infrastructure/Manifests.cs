using System.Text.Json.Nodes;

namespace Hackle.Cli.Tests.Infrastructure;

/// <summary>The manifests vendored under Manifests/ (copied to the test output), and edits of them.</summary>
public static class Manifests
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Manifests");

    /// <summary>A copy of the repository's hackle.flags.json.</summary>
    public static string CheckoutPath => Path.Combine(Directory, "checkout.flags.json");

    /// <summary>A config recorded by Hackle's Go SDK.</summary>
    public static string RecordedGoPath => Path.Combine(Directory, "recorded", "ws_config_go.json");

    public static JsonObject LoadCheckout() => (JsonObject)JsonNode.Parse(File.ReadAllText(CheckoutPath))!;

    public static JsonObject Experiment(JsonObject root, long key) => Item(root, "experiments", key);

    public static JsonObject Flag(JsonObject root, long key) => Item(root, "featureFlags", key);

    public static JsonObject Parameter(JsonObject root, string key) =>
        root["remoteConfigParameters"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string)p["key"]! == key);

    public static JsonObject Variation(JsonObject experiment, string key) =>
        experiment["variations"]!.AsArray().Select(v => v!.AsObject()).Single(v => (string)v["key"]! == key);

    private static JsonObject Item(JsonObject root, string collection, long key) =>
        root[collection]!.AsArray().Select(e => e!.AsObject()).Single(e => (long)e["key"]! == key);

    public static string Write(string path, JsonNode node)
    {
        File.WriteAllText(path, node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
