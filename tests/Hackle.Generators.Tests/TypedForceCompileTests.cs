using System.Text.Json.Nodes;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// The typed forcing of <c>Hackle.Testing</c> (the <c>Force</c> members every generated class inherits) is checked by the
/// compiler: only the experiment's own variations compile, and a manifest change that removes or renames a variation
/// breaks the test that forces it.
/// </summary>
public class TypedForceCompileTests
{
    private static string TestSource(string forceCalls) => $$"""
        using Hackle;
        using Hackle.Testing;
        using HackleFlags;

        namespace Consumer
        {
            internal static class CheckoutTests
            {
                public static void Arrange(HackleTestClient test)
                {
                    {{forceCalls}}
                }
            }
        }
        """;

    private static Diagnostic[] Errors(GeneratorHarness.Run run) =>
        run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

    [Fact]
    public void EveryKindOfItemIsForcedWithItsOwnType()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), sources: TestSource("""
            Experiments.Checkout.Force(test, Experiments.Checkout.Variant.C);
            Experiments.Checkout.Force(test, Experiments.Checkout.Variant.B, "user-42");
            Features.NewCheckout.Force(test, on: true);
            Features.NewCheckout.Force(test, on: false, when: u => u.Id == "beta");
            RemoteConfig.CheckoutBannerText.Force(test, "Hi");
            RemoteConfig.FreeShippingThreshold.Force(test, 30000.0);
            RemoteConfig.ShowRecommendations.Force(test, true);
            """));
        run.AssertNoGeneratorException();
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void AVariationTheExperimentDoesNotHaveDoesNotCompile()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest),
            sources: TestSource("Experiments.Checkout.Force(test, Experiments.Checkout.Variant.D);"));
        var error = Assert.Single(Errors(run));
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("'Experiments.Checkout.Variant' does not contain a definition for 'D'", error.GetMessage());
    }

    [Fact]
    public void AnotherExperimentsVariationDoesNotCompile()
    {
        // Onboarding Tour has a B too: the enum type, not the letter, is what the compiler checks.
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest),
            sources: TestSource("Experiments.Checkout.Force(test, Experiments.SearchRanking.Variant.A);"));
        var error = Assert.Single(Errors(run));
        Assert.Equal("CS1503", error.Id);
        Assert.Contains("Experiments.SearchRanking.Variant", error.GetMessage());
    }

    [Fact]
    public void AFlagOrParameterForcedWithTheWrongTypeDoesNotCompile()
    {
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), sources: TestSource("""
            Features.NewCheckout.Force(test, "on");
            RemoteConfig.FreeShippingThreshold.Force(test, "30000");
            """));
        Assert.Equal(new[] { "CS1503", "CS1503" }, Errors(run).Select(d => d.Id).ToArray());
    }

    [Fact]
    public void RenamingAVariationInTheManifestBreaksTheTypedForceCall()
    {
        // With variant names taken from the dashboard, the test forces "Express checkout" by name.
        var options = GeneratorHarness.Properties(("HackleFlags_VariantNames", "name"));
        const string forceExpress = "Experiments.Checkout.Force(test, Experiments.Checkout.Variant.ExpressCheckout);";
        var manifest = File.ReadAllText(RepoPaths.RepoManifest);

        var before = GeneratorHarness.Generate(manifest, options, sources: TestSource(forceExpress));
        Assert.Empty(Errors(before));

        var renamed = JsonNode.Parse(manifest)!;
        var checkout = renamed["experiments"]!.AsArray().Single(e => (long)e!["key"]! == 42)!;
        checkout["variations"]!.AsArray().Single(v => (string)v!["key"]! == "C")!["name"] = "One-click checkout";
        var after = GeneratorHarness.Generate(renamed.ToJsonString(), options, sources: TestSource(forceExpress));

        var error = Assert.Single(Errors(after));
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("'Experiments.Checkout.Variant' does not contain a definition for 'ExpressCheckout'", error.GetMessage());
        Assert.Contains(after.Sources, s => s.SourceText.ToString().Contains("OneClickCheckout"));
    }

    [Fact]
    public void RemovingAVariationFromTheManifestBreaksTheTypedForceCall()
    {
        const string forceC = "Experiments.Checkout.Force(test, Experiments.Checkout.Variant.C);";
        var manifest = JsonNode.Parse(File.ReadAllText(RepoPaths.RepoManifest))!;
        var variations = manifest["experiments"]!.AsArray().Single(e => (long)e!["key"]! == 42)!["variations"]!.AsArray();
        variations.Remove(variations.Single(v => (string)v!["key"]! == "C"));

        var run = GeneratorHarness.Generate(manifest.ToJsonString(), sources: TestSource(forceC));
        var error = Assert.Single(Errors(run));
        Assert.Equal("CS0117", error.Id);
        Assert.Contains("'C'", error.GetMessage());
    }
}
