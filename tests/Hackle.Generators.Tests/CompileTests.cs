using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>The generated code compiles against Hackle.Runtime with zero warnings across language versions and nullable settings.</summary>
public class CompileTests
{
    public static TheoryData<string, LanguageVersion, NullableContextOptions> Matrix()
    {
        var data = new TheoryData<string, LanguageVersion, NullableContextOptions>();
        foreach (var manifest in new[] { "repo", "korean", "identifiers", "collisions", "duplicates" })
        {
            // C# 7.3 has no nullable context; asking for one is itself an error (CS8630).
            data.Add(manifest, LanguageVersion.CSharp7_3, NullableContextOptions.Disable);
            data.Add(manifest, LanguageVersion.CSharp8, NullableContextOptions.Enable);
            data.Add(manifest, LanguageVersion.Latest, NullableContextOptions.Enable);
            data.Add(manifest, LanguageVersion.Latest, NullableContextOptions.Disable);
        }
        return data;
    }

    private static string ManifestText(string name) =>
        File.ReadAllText(name == "repo" ? RepoPaths.RepoManifest : RepoPaths.EdgeManifest(name + ".json"));

    private static Diagnostic[] Problems(Compilation compilation) =>
        compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();

    [Theory]
    [MemberData(nameof(Matrix))]
    public void GeneratedCodeCompilesWithoutWarnings(string manifest, LanguageVersion version, NullableContextOptions nullable)
    {
        var run = GeneratorHarness.Generate(ManifestText(manifest), version: version, nullable: nullable);
        run.AssertNoGeneratorException();
        Assert.NotEmpty(run.Sources);
        Assert.Empty(Problems(run.Output));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, NullableContextOptions.Disable)]
    [InlineData(LanguageVersion.Latest, NullableContextOptions.Enable)]
    public void CallSitesCompileAndFinishedItemsWarnOnlyWhereUsed(LanguageVersion version, NullableContextOptions nullable)
    {
        const string usage = """
            using Hackle;
            using HackleFlags;

            namespace Consumer
            {
                internal static class Usage
                {
                    public static string Run(IHackleClient client, HackleUser user)
                    {
                        Experiments.Checkout.Variant variant = Experiments.Checkout.Variation(user);
                        VariationDecision<Experiments.Checkout.Variant> detail = Experiments.Checkout.VariationDetail(client, user);
                        bool on = Features.NewCheckout.IsOn(user) && Features.NewCheckout.IsOn(client, user);
                        FeatureFlagDecision flag = Features.NewCheckout.Detail(user);
                        string banner = RemoteConfig.CheckoutBannerText.Get(user);
                        double threshold = RemoteConfig.FreeShippingThreshold.Get(client, user);
                        bool show = RemoteConfig.ShowRecommendations.Detail(user).Value;
                        long keys = FlagKeys.Experiments.Checkout + Experiments.Checkout.Key + Features.NewCheckout.Key;
                        switch (variant)
                        {
                            case Experiments.Checkout.Variant.B: return "one-page";
                            case Experiments.Checkout.Variant.C: return "express";
                        }
                        var tour = Experiments.OnboardingTour.Variation(user);
                        var dark = Features.DarkMode.IsOn(user);
                        var dropped = Experiments.SearchRanking.Variant.B;
                        return banner + threshold + show + on + flag + detail + keys + tour + dark + dropped;
                    }
                }
            }
            """;
        var run = GeneratorHarness.Generate(File.ReadAllText(RepoPaths.RepoManifest), version: version, nullable: nullable, sources: usage);
        var problems = Problems(run.Output);
        Assert.All(problems, d => Assert.Equal("Source0.cs", d.Location.SourceTree?.FilePath));
        Assert.Equal(new[] { ("CS0618", 23), ("CS0618", 24), ("CS0618", 25) },
            problems.Select(d => (d.Id, d.Location.GetLineSpan().StartLinePosition.Line + 1)).OrderBy(p => p.Item2).ToArray());
        Assert.Contains(problems, d => d.GetMessage().Contains("Experiment 'Onboarding Tour' (key 43) is COMPLETED; winner B. Remove the branch and keep B."));
        Assert.Contains(problems, d => d.GetMessage().Contains("Feature flag 'DarkMode' (key 8) is PAUSED, so it is off for everyone."));
    }

    /// <summary>
    /// Compiles the output as ordinary, public code (no auto-generated header) with documentation
    /// diagnostics on, so a missing or malformed XML doc on any generated member fails (CS1591, CS1570, CS1574...).
    /// </summary>
    [Theory]
    [InlineData("repo")]
    [InlineData("identifiers")]
    [InlineData("korean")]
    public void EveryGeneratedMemberHasValidXmlDocs(string manifest)
    {
        var run = GeneratorHarness.Generate(ManifestText(manifest), GeneratorHarness.Properties(("HackleFlags_Accessibility", "public")));
        var sources = run.Sources.Select(s => s.SourceText.ToString().Replace("// <auto-generated/>\n", "")).ToArray();
        Assert.All(sources, s => Assert.DoesNotContain("auto-generated", s));
        var compilation = GeneratorHarness.Compilation(sources);
        Assert.Empty(Problems(compilation));
        // The check is live: the same code minus one doc comment does warn.
        var stripped = sources.Select(s => s.Replace("/// <summary>The experiment key in Hackle.</summary>\n", "")).ToArray();
        if (manifest == "repo") Assert.Contains(Problems(GeneratorHarness.Compilation(stripped)), d => d.Id == "CS1591");
    }
}
