using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>Golden files of the generated source (Snapshots/), for the repo manifest and the edge manifests.</summary>
public class SnapshotTests
{
    public static TheoryData<string> EdgeManifests => new() { "korean", "identifiers", "collisions", "duplicates" };

    [Fact]
    public void RepoManifest()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest));
        run.AssertNoGeneratorException();
        Snapshot.Match("repo", run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void RepoManifestAtCSharp73HasNoNullableDirective()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), version: LanguageVersion.CSharp7_3);
        run.AssertNoGeneratorException();
        Snapshot.Match("repo-csharp7.3", run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.All(run.Sources, s => Assert.DoesNotContain("#nullable", s.SourceText.ToString()));
    }

    [Fact]
    public void RepoManifestWithOptions()
    {
        var options = GeneratorHarness.Properties(
            ("HackleFlags_Namespace", "Shop.Flags"), ("HackleFlags_Accessibility", "public"),
            ("HackleFlags_ExperimentsClass", "AbTests"), ("HackleFlags_FeaturesClass", "Toggles"),
            ("HackleFlags_RemoteConfigClass", "Settings"), ("HackleFlags_FlagKeysClass", "Keys"),
            ("HackleFlags_EmitArchived", "omit"), ("HackleFlags_VariantNames", "name"));
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), options);
        run.AssertNoGeneratorException();
        Snapshot.Match("repo-options", run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Theory]
    [MemberData(nameof(EdgeManifests))]
    public void EdgeManifest(string name)
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.EdgeManifest(name + ".json")));
        run.AssertNoGeneratorException();
        Snapshot.Match(name, run.Sources.Select(s => (s.HintName, s.SourceText.ToString())));
    }

    [Fact]
    public void MalformedManifestGeneratesNothing()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.EdgeManifest("malformed.json")));
        run.AssertNoGeneratorException();
        Assert.Empty(run.Sources);
        Assert.Equal("HKF001", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void OutputDoesNotDependOnItemOrder()
    {
        var text = File.ReadAllText(RepoPaths.RepoManifest);
        var reordered = Reorder(text);
        Assert.NotEqual(text, reordered);
        var first = GeneratorHarness.Generate(text).Sources.Select(s => s.SourceText.ToString());
        var second = GeneratorHarness.Generate(reordered).Sources.Select(s => s.SourceText.ToString());
        Assert.Equal(first, second);
    }

    /// <summary>Reverses the experiments, flags and parameters of a manifest by re-serializing it.</summary>
    private static string Reorder(string manifest)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(manifest)!.AsObject();
        foreach (var list in new[] { "experiments", "featureFlags", "remoteConfigParameters" })
        {
            var items = root[list]!.AsArray().Select(n => n!.DeepClone()).Reverse().ToArray();
            root[list] = new System.Text.Json.Nodes.JsonArray(items);
        }
        return root.ToJsonString();
    }
}
