using Hackle.Analyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FlagKeyAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA106-108: literal keys, unknown keys and unknown variations, checked against the manifest.</summary>
public class FlagKeyTests
{
    [Fact]
    public Task Literal_keys_with_accessors_are_reported_as_info() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                var variation = {|#0:client.Variation(42, user)|};
                var on = {|#1:client.IsFeatureOn(7, user)|};
                var detail = {|#2:client.FeatureFlagDetail(7, user)|};
            }
        }
        """, Manifests.WithManifest,
        VerifyCS.Diagnostic("HKA106").WithLocation(0).WithArguments("Experiment", "42", "Checkout", "Experiments.Checkout.Variation"),
        VerifyCS.Diagnostic("HKA106").WithLocation(1).WithArguments("Feature flag", "7", "NewCheckout", "Features.NewCheckout.IsOn"),
        VerifyCS.Diagnostic("HKA106").WithLocation(2).WithArguments("Feature flag", "7", "NewCheckout", "Features.NewCheckout.IsOn"));

    [Fact]
    public Task Named_constants_and_keys_without_accessors_are_not_reported_as_info() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            private const long CheckoutKey = 42;

            public static void Run(IHackleClient client, HackleUser user, long dynamicKey)
            {
                var byConstant = client.Variation(CheckoutKey, user);
                var withoutAccessor = client.Variation(43, user);
                var dynamic = client.Variation(dynamicKey, user);
                var generated = HackleFlags.Experiments.Checkout.Variation(client, user);
            }
        }
        """, Manifests.WithManifest);

    [Fact]
    public Task Literal_key_is_not_reported_without_a_manifest() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user) => client.Variation(42, user) + client.Variation(999, user);
        }
        """, Infrastructure.TestOptions.Default with { ExtraSources = Manifests.WithManifest.ExtraSources });

    [Fact]
    public Task Unknown_keys_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            private const long Removed = 41;

            public static void Run(IHackleClient client, HackleUser user)
            {
                var a = client.Variation({|#0:999|}, user);
                var b = client.IsFeatureOn({|#1:42|}, user);
                var c = client.VariationDetail({|#2:Removed|}, user);
            }
        }
        """, Manifests.WithManifest,
        VerifyCS.Diagnostic("HKA107").WithLocation(0).WithArguments("Experiment", "999", "hackle.flags.json"),
        VerifyCS.Diagnostic("HKA107").WithLocation(1).WithArguments("Feature flag", "42", "hackle.flags.json"),
        VerifyCS.Diagnostic("HKA107").WithLocation(2).WithArguments("Experiment", "41", "hackle.flags.json"));

    [Fact]
    public Task Comparisons_with_variations_the_experiment_lacks_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            private const long Onboarding = 43;

            public static int Run(IHackleClient client, HackleUser user)
            {
                var direct = client.Variation(Onboarding, user) == {|#0:"C"|};
                var notEqual = {|#1:"c"|} != client.VariationDetail(Onboarding, user).VariationKey;
                var viaEquals = client.Variation(Onboarding, user).Equals({|#2:"D"|});
                var viaStatic = string.Equals(client.Variation(Onboarding, user), {|#3:"E"|});
                var variation = client.Variation(Onboarding, user, {|#4:"Z"|});
                if (variation is "B" or {|#5:"F"|}) { }
                switch (variation)
                {
                    case "A": return 0;
                    case {|#6:"G"|}: return 1;
                }
                return variation switch { "B" => 2, {|#7:"H"|} => 3, _ => 4 };
            }
        }
        """, Manifests.WithManifest,
        VerifyCS.Diagnostic("HKA108").WithLocation(0).WithArguments("43", "Onboarding", "C", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(1).WithArguments("43", "Onboarding", "c", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(2).WithArguments("43", "Onboarding", "D", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(3).WithArguments("43", "Onboarding", "E", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(4).WithArguments("43", "Onboarding", "Z", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(5).WithArguments("43", "Onboarding", "F", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(6).WithArguments("43", "Onboarding", "G", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(7).WithArguments("43", "Onboarding", "H", "A, B"));

    [Fact]
    public Task Comparisons_with_known_variations_and_reassigned_locals_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            private const long Onboarding = 43;

            public static bool Run(IHackleClient client, HackleUser user, string other)
            {
                var variation = client.Variation(Onboarding, user, "A");
                var reassigned = client.Variation(Onboarding, user);
                reassigned = other;
                return variation == "B" || reassigned == "Z" || other == "Q" || client.Variation(Onboarding, user) != "A";
            }
        }
        """, Manifests.WithManifest);

    /// <summary>Issue 13 item 7: a case-insensitive comparison with "b" can be true; one with "z" cannot.</summary>
    [Fact]
    public Task Case_insensitive_comparisons_are_reported_only_when_never_true() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;

        public static class Checkout
        {
            public static bool Run(IHackleClient client, HackleUser user, StringComparison chosen)
            {
                var v = client.Variation(43, user);
                return string.Equals(v, "b", StringComparison.OrdinalIgnoreCase)
                    || v.Equals("a", StringComparison.InvariantCultureIgnoreCase)
                    || string.Equals(v, "b", chosen)
                    || StringComparer.OrdinalIgnoreCase.Equals(v, "b")
                    || string.Equals(v, {|#0:"z"|}, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(v, {|#1:"b"|}, StringComparison.Ordinal);
            }
        }
        """, Manifests.WithManifest,
        VerifyCS.Diagnostic("HKA108").WithLocation(0).WithArguments("43", "Onboarding", "z", "A, B"),
        VerifyCS.Diagnostic("HKA108").WithLocation(1).WithArguments("43", "Onboarding", "b", "A, B"));

    /// <summary>Issue 13 item 7: the decision kept in a local, its VariationKey compared later.</summary>
    [Fact]
    public Task Decision_kept_in_a_local_is_checked() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Checkout
        {
            public static bool Run(IHackleClient client, HackleUser user)
            {
                var decision = client.VariationDetail(43, user);
                var reassigned = client.VariationDetail(43, user);
                reassigned = client.VariationDetail(43, user, "B");
                return decision.VariationKey == {|#0:"C"|} || decision.VariationKey == "B" || reassigned.VariationKey == "C";
            }
        }
        """, Manifests.WithManifest, VerifyCS.Diagnostic("HKA108").WithLocation(0).WithArguments("43", "Onboarding", "C", "A, B"));
}
