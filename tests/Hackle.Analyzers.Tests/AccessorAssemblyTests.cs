using Hackle.Analyzers.Tests.Cleanup;
using Hackle.Analyzers.Tests.Infrastructure;
using Xunit;
using FinishedVerify = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FinishedItemAnalyzer>;
using KeyVerify = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FlagKeyAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HackleFlags_AccessorAssembly (docs/generator.md): the accessors are not in the compilation's source but in a referenced
/// assembly, internal and visible to the project through InternalsVisibleTo. The rules that map keys to accessors
/// (HKA106, HKA109, HKA110 and its fix) find them there just as in generated source.
/// </summary>
public class AccessorAssemblyTests
{
    private static readonly TestOptions InMetadata = Manifests.WithManifest with { AccessorsInMetadata = true };

    [Fact]
    public Task Literal_keys_point_at_accessors_from_the_accessor_assembly() => KeyVerify.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                var variation = {|#0:client.Variation(42, user)|};
                var on = {|#1:client.IsFeatureOn(7, user)|};
                var typed = HackleFlags.Experiments.Checkout.Variation(client, user);
            }
        }
        """, InMetadata,
        KeyVerify.Diagnostic("HKA106").WithLocation(0).WithArguments("Experiment", "42", "Checkout", "Experiments.Checkout.Variation"),
        KeyVerify.Diagnostic("HKA106").WithLocation(1).WithArguments("Feature flag", "7", "NewCheckout", "Features.NewCheckout.IsOn"));

    [Fact]
    public async Task Accessors_another_assembly_keeps_internal_are_not_suggested()
    {
        // Another project's accessor assembly (no InternalsVisibleTo this project): its types are not usable here.
        var other = await TestReferences.CompileAsync("Other.HackleFlags", TestReferences.Extensions.Add(TestReferences.Runtime), Manifests.GeneratedAccessors);
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<FlagKeys.FlagKeyAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            TestCode = """
                using Hackle;

                public static class Checkout
                {
                    public static string Run(IHackleClient client, HackleUser user) => client.Variation(42, user) + client.IsFeatureOn(7, user);
                }
                """,
        };
        await TestEnvironment.ConfigureAsync(test, Manifests.WithManifest with { ExtraSources = Array.Empty<(string, string)>() });
        test.TestState.AdditionalReferences.Add(other);
        await test.RunAsync();
    }

    [Fact]
    public Task Uses_of_finished_items_from_the_accessor_assembly_are_reported() => FinishedVerify.AnalyzerAsync("""
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static object Run(IHackleClient client, HackleUser user) =>
                {|#0:Experiments.Checkout.Variation(user)|}.ToString() + {|#1:Features.NewCheckout.IsOn(client, user)|};
        }
        """, CleanupVerifier.Options(new Finished(DiagnosticMode: true, FlagPaused: true, AccessorsInMetadata: true)),
        FinishedVerify.Diagnostic("HKA109").WithLocation(0).WithArguments("Experiment", "'Checkout' (key 42)", "COMPLETED with winner B"),
        FinishedVerify.Diagnostic("HKA109").WithLocation(1).WithArguments("Feature flag", "'NewCheckout' (key 7)", "PAUSED"));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task The_cleanup_fix_keeps_the_winner_with_accessors_from_the_accessor_assembly(bool diagnosticMode) => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B)
                {
                    return 1;
                }
                return {|HKA110:Features.NewCheckout.IsOn(user)|} ? 2 : 3;
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                return 1;
            }
        }
        """, new Finished(DiagnosticMode: diagnosticMode, AccessorsInMetadata: true));
}
