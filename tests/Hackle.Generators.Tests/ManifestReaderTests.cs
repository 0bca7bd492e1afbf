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
