using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>
/// Checkout (42) is still RUNNING and its variation C is DROPPED: traffic allocated to C gets the control A
/// (VARIATION_DROPPED), so no decision returns C unless an override names it. Each use of C is reported, and the fix
/// removes C's arm or branch while the decision itself (and its exposure) stays.
/// </summary>
public class DroppedVariationCleanupTests
{
    private const string Uses = """
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static bool Run(HackleUser user) =>
                Experiments.Checkout.Variation(user) == {|#0:Experiments.Checkout.Variant.C|} ||
                Experiments.Checkout.Variation(user) == Experiments.Checkout.Variant.B ||
                Experiments.Checkout.Variation(user) == Experiments.Checkout.Variant.A;
        }
        """;

    [Fact]
    public Task Uses_of_a_dropped_variation_are_reported_and_the_live_ones_are_not() => CleanupVerifier.AnalyzeAsync(Uses, new Finished(CheckoutDropsC: true),
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Variation C of experiment", "'Checkout' (key 42)", "DROPPED (users allocated to it get A)", "A or B",
            "no decision returns C, so its arm or branch is dead (code fix: 'Remove C')"));

    [Theory]
    [InlineData(nameof(OverrideToC.User))]
    [InlineData(nameof(OverrideToC.Segment))]
    [InlineData(nameof(OverrideToC.SegmentBucket))]
    public Task A_dropped_variation_an_override_still_hands_out_is_live(string overrideToC) =>
        CleanupVerifier.AnalyzeAsync(Uses.Replace("{|#0:", "").Replace("|}", ""), new Finished(CheckoutDropsC: true, OverrideToC: Enum.Parse<OverrideToC>(overrideToC)));

    [Fact]
    public Task The_dropped_section_of_a_switch_statement_goes_and_the_decision_stays() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                switch (Experiments.Checkout.Variation(user))
                {
                    case Experiments.Checkout.Variant.B:
                        return "one-page";
                    // Express checkout.
                    case {|HKA110:Experiments.Checkout.Variant.C|}:
                        return "express";
                    default:
                        return "three-step";
                }
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                switch (Experiments.Checkout.Variation(user))
                {
                    case Experiments.Checkout.Variant.B:
                        return "one-page";
                    default:
                        return "three-step";
                }
            }
        }
        """, new Finished(CheckoutDropsC: true));

    [Fact]
    public Task A_shared_label_loses_only_the_dropped_case_and_a_switch_expression_its_arm() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                switch (Experiments.Checkout.Variation(user))
                {
                    case Experiments.Checkout.Variant.B:
                    case {|HKA110:Experiments.Checkout.Variant.C|}:
                        return 1;
                    default:
                        return 3;
                }
            }

            public static string Layout(HackleUser user) => Experiments.Checkout.Variation(user) switch
            {
                Experiments.Checkout.Variant.B => "one-page",
                {|HKA110:Experiments.Checkout.Variant.C|} => "express",
                _ => "three-step",
            };
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                switch (Experiments.Checkout.Variation(user))
                {
                    case Experiments.Checkout.Variant.B:
                        return 1;
                    default:
                        return 3;
                }
            }

            public static string Layout(HackleUser user) => Experiments.Checkout.Variation(user) switch
            {
                Experiments.Checkout.Variant.B => "one-page",
                _ => "three-step",
            };
        }
        """, new Finished(CheckoutDropsC: true));

    [Fact]
    public Task A_branch_on_a_local_goes_with_what_only_it_used_and_the_local_stays() => CleanupVerifier.FixAsync("""
        using System;
        using System.Text;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
                var variation = Experiments.Checkout.Variation(user);
                var express = "express";
                if (variation == {|HKA110:Experiments.Checkout.Variant.C|})
                {
                    Console.WriteLine(new StringBuilder(express));
                }
                else if (variation == Experiments.Checkout.Variant.B)
                {
                    Console.WriteLine("one-page");
                }
                if (variation is not {|HKA110:Experiments.Checkout.Variant.C|})
                {
                    Console.WriteLine("not express");
                }
            }
        }
        """, """
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
                var variation = Experiments.Checkout.Variation(user);
                if (variation == Experiments.Checkout.Variant.B)
                {
                    Console.WriteLine("one-page");
                }
                Console.WriteLine("not express");
            }
        }
        """, new Finished(CheckoutDropsC: true));

    [Fact]
    public Task A_comparison_made_on_the_call_itself_is_left_so_the_running_experiment_keeps_its_decision() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
                if (Experiments.Checkout.Variation(user) == {|HKA110:Experiments.Checkout.Variant.C|})
                {
                    Console.WriteLine("express");
                }
            }
        }
        """, """
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
                if (Experiments.Checkout.Variation(user) == {|HKA110:Experiments.Checkout.Variant.C|})
                {
                    Console.WriteLine("express");
                }
            }
        }
        """, new Finished(CheckoutDropsC: true));

    [Fact]
    public Task Raw_calls_report_the_dropped_key_they_compare_with_unless_it_is_their_default() => CleanupVerifier.AnalyzeAsync("""
        using System;
        using Hackle;

        public static class Uses
        {
            public static bool Run(IHackleClient client, HackleUser user) =>
                client.Variation(42, user) == {|#0:"C"|} ||
                string.Equals(client.Variation(42, user), {|#1:"c"|}, StringComparison.OrdinalIgnoreCase) ||
                client.Variation(42, user) == "B" ||
                client.Variation(42, user, "C") == "C" ||
                client.Variation(43, user) == "C";
        }
        """, new Finished(CheckoutDropsC: true),
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Variation C of experiment", "'Checkout' (key 42)", "DROPPED (users allocated to it get A)", "A or B",
            "no decision returns C, so its arm or branch is dead (code fix: 'Remove C')"),
        CleanupVerifier.Diagnostic().WithLocation(1).WithArguments("Variation C of experiment", "'Checkout' (key 42)", "DROPPED (users allocated to it get A)", "A or B",
            "no decision returns C, so its arm or branch is dead (code fix: 'Remove C')"));

    [Fact]
    public Task A_raw_switch_and_a_raw_local_lose_the_dropped_key() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;

        public static class Checkout
        {
            public static string Page(IHackleClient client, HackleUser user)
            {
                var variation = client.Variation(42, user);
                if (variation == {|HKA110:"C"|})
                {
                    Console.WriteLine("express");
                }
                switch (client.Variation(42, user))
                {
                    case "B":
                        return "one-page";
                    case {|HKA110:"C"|}:
                        return "express";
                    default:
                        return "three-step";
                }
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static string Page(IHackleClient client, HackleUser user)
            {
                var variation = client.Variation(42, user);
                switch (client.Variation(42, user))
                {
                    case "B":
                        return "one-page";
                    default:
                        return "three-step";
                }
            }
        }
        """, new Finished(CheckoutDropsC: true));
}
