using Hackle.Analyzers.Tests.Infrastructure;
using Hackle.CodeFixes;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FlagKeyAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HKA106 (issue 13): the fix for switch expressions and statements, variations and decisions held in a local,
/// and VariationDetail; and no accessor advice where it would only trade one warning for another (a finished
/// item, which HKA110 cleans up, or a dropped variation, whose enum member is [Obsolete]).
/// </summary>
public class AccessorFixShapesTests
{
    [Fact]
    public Task Switch_expression_on_a_variation_is_rewritten() => VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static string Layout(IHackleClient client, HackleUser user) => {|HKA106:client.Variation(42, user)|} switch
            {
                "B" => "one-page",
                "C" => "express",
                _ => "three-step",
            };
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Layout(IHackleClient client, HackleUser user) => Experiments.Checkout.Variation(client, user) switch
            {
                Experiments.Checkout.Variant.B => "one-page",
                Experiments.Checkout.Variant.C => "express",
                _ => "three-step",
            };
        }
        """, Manifests.WithManifest);

    [Fact]
    public Task Switch_statement_on_a_variation_is_rewritten() => VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                switch ({|HKA106:client.Variation(42, user)|})
                {
                    case "B":
                        return 1;
                    default:
                        return 3;
                }
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                switch (Experiments.Checkout.Variation(client, user))
                {
                    case Experiments.Checkout.Variant.B:
                        return 1;
                    default:
                        return 3;
                }
            }
        }
        """, Manifests.WithManifest);

    [Fact]
    public Task Variation_held_in_a_local_is_rewritten_with_every_comparison() => VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                string variation = {|HKA106:client.Variation(42, user)|};
                if (variation == "B") return 1;
                return variation != "C" ? 3 : 2;
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                var variation = Experiments.Checkout.Variation(client, user);
                if (variation == Experiments.Checkout.Variant.B) return 1;
                return variation != Experiments.Checkout.Variant.C ? 3 : 2;
            }
        }
        """, Manifests.WithManifest);

    [Fact]
    public Task VariationDetail_read_through_shared_members_is_rewritten() => VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static string Describe(IHackleClient client, HackleUser user)
            {
                var decision = {|HKA106:client.VariationDetail(42, user)|};
                var reason = {|HKA106:client.VariationDetail(42, user)|}.Reason;
                return decision.VariationKey + " " + decision.Reason.ToWireName() + " " + reason.ToWireName();
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Describe(IHackleClient client, HackleUser user)
            {
                var decision = Experiments.Checkout.VariationDetail(client, user);
                var reason = Experiments.Checkout.VariationDetail(client, user).Reason;
                return decision.VariationKey + " " + decision.Reason.ToWireName() + " " + reason.ToWireName();
            }
        }
        """, Manifests.WithManifest);

    /// <summary>Uses whose meaning would change keep the diagnostic without a fix (fixed state = source).</summary>
    [Fact]
    public Task Locals_used_as_strings_reassigned_or_typed_Decision_get_no_fix()
    {
        const string source = """
            using Hackle;

            public static class Checkout
            {
                public static string Run(IHackleClient client, HackleUser user)
                {
                    var shown = {|HKA106:client.Variation(42, user)|};
                    var reassigned = {|HKA106:client.Variation(42, user)|};
                    reassigned = "A";
                    Decision typed = {|HKA106:client.VariationDetail(42, user)|};
                    return shown.ToLowerInvariant() + reassigned + typed.VariationKey;
                }
            }
            """;
        return VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>(source, source, Manifests.WithManifest);
    }

    [Fact]
    public Task Comparison_with_a_dropped_variation_gets_no_fix()
    {
        const string source = """
            using Hackle;

            public static class Checkout
            {
                public static bool Express(IHackleClient client, HackleUser user) => {|HKA106:client.Variation(42, user)|} == "C";
            }
            """;
        var options = Manifests.WithManifest with
        {
            ExtraSources = new[] { ("/0/Generated.g.cs", Manifests.GeneratedAccessors.Replace("public enum Variant { A, B, C }", "public enum Variant { A, B, [global::System.Obsolete(\"dropped\")] C }")) },
        };
        return VerifyCS.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>(source, source, options);
    }

    [Fact]
    public Task Finished_items_are_left_to_HKA110() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            public static bool Run(IHackleClient client, HackleUser user) => client.IsFeatureOn(7, user) && {|HKA106:client.Variation(42, user)|} == "B";
        }
        """, Manifests.WithManifest with
    {
        Manifest = Manifests.Checkout.ReplaceLineEndings("\n").Replace("\"execution\": { \"id\": 3, \"status\": \"RUNNING\"", "\"execution\": { \"id\": 3, \"status\": \"PAUSED\""),
    });
}
