using System.IO.Compression;
using System.Text.Json.Nodes;
using Hackle;

namespace Hackle.Runtime.Tests;

/// <summary>Locations of the repository and of the conformance data vendored inside it.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding HackleTyped.sln; tests read nothing outside it.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>A file of tests/TestData/conformance (provenance in its SOURCES.md).</summary>
    public static string Conformance(string file) => Path.Combine(RepoRoot, "tests", "TestData", "conformance", file);

    /// <summary>
    /// The lines of a conformance CSV, which is stored gzip-compressed as <c>file.gz</c> (the four
    /// 100,000-row vector files would otherwise weigh 14 MB in every clone).
    /// </summary>
    public static IEnumerable<string> ConformanceCsvLines(string file)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(Conformance(file + ".gz")), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line) yield return line;
    }

    public static string Manifest => Path.Combine(RepoRoot, "hackle.flags.json");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "HackleTyped.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("HackleTyped.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Offline clients over a given config, each with its own SDK key and an in-memory event sink.</summary>
internal sealed class TestClient : IDisposable
{
    public TestClient(string configJson) : this(HackleWorkspace.Parse(configJson))
    {
    }

    public TestClient(HackleWorkspace? workspace)
    {
        Client = HackleClient.Create("test-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true, Workspace = workspace, EventSink = Events });
    }

    public static TestClient FromFile(string path) => new(HackleWorkspace.Load(path));

    /// <summary>A client over the repository's hackle.flags.json.</summary>
    public static TestClient Manifest() => FromFile(TestPaths.Manifest);

    public HackleClient Client { get; }
    public InMemoryEventSink Events { get; } = new();

    public IReadOnlyList<ExposureEvent> Exposures => Events.Events.OfType<ExposureEvent>().ToList();

    public void Dispose() => Client.Dispose();
}

/// <summary>Decisions as (value, reason) pairs, so one assertion states both.</summary>
internal static class Outcome
{
    public static (string, DecisionReason) Of(Decision d) => (d.VariationKey, d.Reason);
    public static (bool, DecisionReason) Of(FeatureFlagDecision d) => (d.IsOn, d.Reason);
    public static (T, DecisionReason) Of<T>(RemoteConfigDecision<T> d) => (d.Value, d.Reason);
}

/// <summary>Builds small workspace configs in the wire format for flow tests.</summary>
internal static class Config
{
    /// <summary>A whole config; the given arrays are cloned, so tests may share them.</summary>
    public static JsonObject Workspace(JsonArray? experiments = null, JsonArray? featureFlags = null, JsonArray? buckets = null,
        JsonArray? segments = null, JsonArray? containers = null, JsonArray? parameterConfigurations = null,
        JsonArray? remoteConfigParameters = null, JsonArray? events = null) => new()
    {
        ["workspace"] = new JsonObject { ["id"] = 1, ["environment"] = new JsonObject { ["id"] = 1 } },
        ["experiments"] = experiments?.DeepClone() ?? new JsonArray(),
        ["featureFlags"] = featureFlags?.DeepClone() ?? new JsonArray(),
        ["buckets"] = buckets?.DeepClone() ?? new JsonArray(),
        ["events"] = events?.DeepClone() ?? new JsonArray(),
        ["segments"] = segments?.DeepClone() ?? new JsonArray(),
        ["containers"] = containers?.DeepClone() ?? new JsonArray(),
        ["parameterConfigurations"] = parameterConfigurations?.DeepClone() ?? new JsonArray(),
        ["remoteConfigParameters"] = remoteConfigParameters?.DeepClone() ?? new JsonArray(),
    };

    /// <summary>An experiment with variations A, B (ids key*10+1, key*10+2), bucketed by bucket <paramref name="bucketId"/>.</summary>
    public static JsonObject Experiment(long key, string status = "RUNNING", long bucketId = 1, string identifierType = "$id",
        JsonArray? variations = null, JsonArray? userOverrides = null, JsonArray? segmentOverrides = null,
        JsonArray? targetAudiences = null, JsonArray? targetRules = null, JsonObject? defaultRule = null,
        long? containerId = null, long? winnerVariationId = null, int version = 1, int executionVersion = 1) => new()
    {
        ["id"] = key * 100,
        ["key"] = key,
        ["name"] = "experiment" + key,
        ["version"] = version,
        ["identifierType"] = identifierType,
        ["containerId"] = containerId,
        ["winnerVariationId"] = winnerVariationId,
        ["variations"] = Own(variations) ?? new JsonArray(Variation(key * 10 + 1, "A"), Variation(key * 10 + 2, "B")),
        ["execution"] = new JsonObject
        {
            ["status"] = status,
            ["version"] = executionVersion,
            ["userOverrides"] = Own(userOverrides) ?? new JsonArray(),
            ["segmentOverrides"] = Own(segmentOverrides) ?? new JsonArray(),
            ["targetAudiences"] = Own(targetAudiences) ?? new JsonArray(),
            ["targetRules"] = Own(targetRules) ?? new JsonArray(),
            ["defaultRule"] = Own(defaultRule) ?? Bucket(bucketId),
        },
    };

    public static JsonObject Variation(long id, string key, bool dropped = false, long? parameterConfigurationId = null) => new()
    {
        ["id"] = id,
        ["key"] = key,
        ["status"] = dropped ? "DROPPED" : "ACTIVE",
        ["parameterConfigurationId"] = parameterConfigurationId,
    };

    public static JsonObject Bucket(long bucketId) => new() { ["type"] = "BUCKET", ["bucketId"] = bucketId };

    public static JsonObject VariationAction(long variationId) => new() { ["type"] = "VARIATION", ["variationId"] = variationId };

    /// <summary>A bucket whose slots are given as (start, end, variationId).</summary>
    public static JsonObject BucketDef(long id, int seed, params (int Start, int End, long VariationId)[] slots)
    {
        var array = new JsonArray();
        foreach (var (start, end, variationId) in slots)
            array.Add(new JsonObject { ["startInclusive"] = start, ["endExclusive"] = end, ["variationId"] = variationId });
        return new JsonObject { ["id"] = id, ["seed"] = seed, ["slotSize"] = 10000, ["slots"] = array };
    }

    public static JsonObject Condition(string keyType, string keyName, string op, string valueType, JsonArray values, string matchType = "MATCH") => new()
    {
        ["key"] = new JsonObject { ["type"] = keyType, ["name"] = keyName },
        ["match"] = new JsonObject { ["type"] = matchType, ["operator"] = op, ["valueType"] = valueType, ["values"] = values },
    };

    public static JsonObject Target(params JsonObject[] conditions) => new() { ["conditions"] = new JsonArray(conditions) };

    public static JsonObject Rule(JsonObject target, JsonObject action) => new() { ["target"] = target, ["action"] = action };

    public static JsonArray Array(params JsonNode?[] items) => new(items.Select(Own).ToArray());

    /// <summary>The node itself, or a copy when it already belongs to another tree (JsonNode has one parent).</summary>
    private static T? Own<T>(T? node) where T : JsonNode => node?.Parent is null ? node : (T)node.DeepClone();
}
