extern alias generator;

using System.Text;
using Hackle.Manifest;
using Microsoft.CodeAnalysis.Text;
using GeneratorReader = generator::Hackle.Generators.Manifest.ManifestReader;
using ManifestModel = generator::Hackle.Generators.Manifest.ManifestModel;
using ManifestProblem = generator::Hackle.Generators.Manifest.ManifestProblem;

namespace Hackle.Runtime.Tests.CrossReader;

/// <summary>
/// Runs the runtime's parser and the generator's manifest reader over the same configs and asserts that
/// they keep the same experiments (key, status, variations with their dropped flag), feature flags and
/// remote-config parameters (key, type); that the generator warns once for each item the runtime drops;
/// and that they reject the same documents. The configs are in tests/TestData/manifests (docs/manifest.md).
/// </summary>
public class CrossReaderTests
{
    private static string Folder(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "manifests", name);

    public static TheoryData<string> AcceptedConfigs()
    {
        var data = new TheoryData<string> { TestPaths.Manifest };
        foreach (var file in Directory.GetFiles(Folder("edge"), "*.json").Concat(Directory.GetFiles(Folder("hackle-sdk"), "*.json")).Order(StringComparer.Ordinal))
            data.Add(file);
        return data;
    }

    public static TheoryData<string> RejectedConfigs() => new(Directory.GetFiles(Folder("rejected"), "*.json").Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(AcceptedConfigs))]
    public void Both_readers_keep_the_same_items(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var runtime = HackleWorkspace.Parse(bytes);
        var manifest = ReadWithGenerator(path, bytes);
        Assert.True(manifest.IsValid, string.Join("\n", manifest.Diagnostics));

        Assert.Equal(RuntimeView.Experiments(runtime), GeneratorView.Experiments(manifest));
        Assert.Equal(RuntimeView.FeatureFlags(runtime), GeneratorView.FeatureFlags(manifest));
        Assert.Equal(RuntimeView.Parameters(runtime), GeneratorView.Parameters(manifest));
    }

    [Theory]
    [MemberData(nameof(AcceptedConfigs))]
    public void The_generator_warns_for_each_item_the_runtime_drops(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var runtime = HackleWorkspace.Parse(bytes);
        var manifest = ReadWithGenerator(path, bytes);

        var skipped = manifest.Diagnostics.Where(d => d.Problem == ManifestProblem.SkippedItem).ToList();
        var skippedItems = skipped.Where(d => !d.Arguments[0].StartsWith("Variation '", StringComparison.Ordinal))
            .Select(d => (What: d.Arguments[0], Reason: d.Arguments[1])).ToList();
        var droppedItems = runtime.DroppedItems.Select(RuntimeView.Split).Where(d => RuntimeView.IsItem(d.What)).ToList();

        // The same items, named the same way: by key when they have one, else by list position.
        Assert.Equal(droppedItems.Select(d => d.What).Order(StringComparer.Ordinal), skippedItems.Select(d => d.What).Order(StringComparer.Ordinal));
        // For the same reason: a rule's sentence is shared; a wrongly typed field is named by both (each binder words it its own way).
        foreach (var (what, reason) in droppedItems)
        {
            var generatorReason = skippedItems.First(d => d.What == what).Reason;
            if (reason.Contains("has the wrong JSON type", StringComparison.Ordinal))
                Assert.StartsWith(reason.Substring(0, reason.IndexOf(" has the wrong JSON type", StringComparison.Ordinal)), generatorReason);
            else
                Assert.Equal(reason, generatorReason);
        }

        // A variation key outside A..J: the runtime keeps it (deciding it fails, as in Java), the generator warns.
        var oddKeys = runtime.Experiments.Values.SelectMany(e => e.Variations).Count(v => !VariationKey.TryNormalize(v.Key, out _));
        Assert.Equal(oddKeys, skipped.Count - skippedItems.Count);
    }

    [Theory]
    [MemberData(nameof(RejectedConfigs))]
    public void Both_readers_reject_the_same_documents(string path)
    {
        var bytes = File.ReadAllBytes(path);

        Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(bytes));
        Assert.False(ReadWithGenerator(path, bytes).IsValid);
    }

    [Fact]
    public void The_edge_configs_exercise_what_they_claim()
    {
        // Guards against the edge files silently losing their point: each keeps and drops some items.
        var keys = HackleWorkspace.Parse(File.ReadAllBytes(Path.Combine(Folder("edge"), "keys.json")));
        Assert.Equal(new long[] { -7, 1, 42, 43, 44 }, keys.Experiments.Keys.Order());
        Assert.Equal(ExperimentStatusName.Paused, keys.Experiments[1].Status.ToString());
        Assert.Equal(new long[] { 7 }, keys.FeatureFlags.Keys);

        var bom = ReadWithGenerator("bom.json", File.ReadAllBytes(Path.Combine(Folder("edge"), "bom.json")));
        Assert.Equal(42, Assert.Single(bom.Experiments).Key);
    }

    [Theory]
    [InlineData("/p/hackle.flags.json", null, true)]
    [InlineData("/p/HACKLE.FLAGS.JSON", null, true)]
    [InlineData("/p/flags.json", " True ", true)]
    [InlineData("/p/flags.json", "false", false)]
    [InlineData("/p/flags.json", null, false)]
    public void The_manifest_pick_up_rule_is_shared(string path, string? metadata, bool expected)
    {
        Assert.Equal(expected, ManifestFiles.IsManifest(path, metadata));
        Assert.True(ManifestFiles.IsPreferred("/a/hackle.flags.json", "/b/hackle.flags.json"));
    }

    /// <summary>Decodes as the compiler may hand the text over: UTF-8 with any byte-order mark left in place.</summary>
    private static ManifestModel ReadWithGenerator(string path, byte[] bytes) =>
        GeneratorReader.Read(path, SourceText.From(new UTF8Encoding(false).GetString(bytes)), CancellationToken.None);

    private static class ExperimentStatusName
    {
        public const string Paused = "Paused";
    }

    /// <summary>What the runtime kept, in a reader-neutral form.</summary>
    private static class RuntimeView
    {
        public static List<string> Experiments(HackleWorkspace w) =>
            w.Experiments.Values.OrderBy(e => e.Key).Select(e => e.Key + " " + e.Status + " " + Variations(e.Variations)).ToList();

        public static List<string> FeatureFlags(HackleWorkspace w) => w.FeatureFlags.Values.OrderBy(e => e.Key).Select(e => e.Key + " " + e.Status).ToList();

        public static List<string> Parameters(HackleWorkspace w) =>
            w.RemoteConfigParameters.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Type.ToWireName()).ToList();

        /// <summary>The variations a decision can name: keys A..J, first of a repeated key, by key.</summary>
        private static string Variations(IEnumerable<Hackle.Internal.Model.Variation> variations)
        {
            var seen = new HashSet<string>();
            var kept = new List<string>();
            foreach (var v in variations)
            {
                if (VariationKey.TryNormalize(v.Key, out var key) && seen.Add(key)) kept.Add(key + (v.IsDropped ? "(dropped)" : ""));
            }
            return string.Join(",", kept.Order(StringComparer.Ordinal));
        }

        /// <summary>Splits "X was dropped: why" into its parts.</summary>
        public static (string What, string Reason) Split(string problem)
        {
            var cut = problem.IndexOf(" was dropped: ", StringComparison.Ordinal);
            return (problem.Substring(0, cut), problem.Substring(cut + " was dropped: ".Length));
        }

        /// <summary>Drops of the item lists the generator reads (not buckets, segments, ...).</summary>
        public static bool IsItem(string what) =>
            what.StartsWith("experiments[", StringComparison.Ordinal) || what.StartsWith("featureFlags[", StringComparison.Ordinal) ||
            what.StartsWith("remoteConfigParameters[", StringComparison.Ordinal) || what.StartsWith("Experiment ", StringComparison.Ordinal) ||
            what.StartsWith("Feature flag ", StringComparison.Ordinal) || what.StartsWith("Remote-config parameter ", StringComparison.Ordinal);
    }

    /// <summary>What the generator's reader kept, in the same form.</summary>
    private static class GeneratorView
    {
        public static List<string> Experiments(ManifestModel m) =>
            m.Experiments.Select(e => e.Key + " " + e.Status + " " + string.Join(",", e.Variations.Select(v => v.Key + (v.IsDropped ? "(dropped)" : "")))).ToList();

        public static List<string> FeatureFlags(ManifestModel m) => m.FeatureFlags.Select(f => f.Key + " " + f.Status).ToList();

        public static List<string> Parameters(ManifestModel m) => m.RemoteConfigParameters.Select(p => p.Key + " " + p.WireType).ToList();
    }
}
