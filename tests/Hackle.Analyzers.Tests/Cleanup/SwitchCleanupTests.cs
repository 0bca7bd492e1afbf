using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>Switch statements and switch expressions on a finished experiment become the winner's code.</summary>
public class SwitchCleanupTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_switch_statement_becomes_the_winners_section_with_its_comments(bool diagnosticMode) => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                var page = "classic";
                // Which checkout the user sees.
                switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                {
                    case Experiments.Checkout.Variant.B: // one page
                        page = "one-page";
                        Console.WriteLine(page); // logged
                        break;
                    case Experiments.Checkout.Variant.C:
                        page = "express";
                        break;
                }
                return page;
            }
        }
        """, """
        using System;
        using Hackle;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                var page = "classic";
                // Which checkout the user sees.
                // one page
                page = "one-page";
                Console.WriteLine(page); // logged
                return page;
            }
        }
        """, new Finished(diagnosticMode));

    [Fact]
    public Task Without_an_arm_for_the_winner_the_default_section_is_kept() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                {
                    case Experiments.Checkout.Variant.C:
                        return 1;
                    default:
                    {
                        var steps = 3;
                        return steps;
                    }
                }
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static int Steps(HackleUser user)
            {
                var steps = 3;
                return steps;
            }
        }
        """);

    [Fact]
    public Task A_switch_on_the_raw_string_variation_keeps_the_winner() => CleanupVerifier.FixAsync("""
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                var steps = 3;
                switch ({|HKA110:client.Variation(42, user)|})
                {
                    case "A":
                        steps = 3;
                        break;
                    case "B":
                    case "C":
                        steps = 1;
                        break;
                }
                return steps;
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user)
            {
                var steps = 3;
                steps = 1;
                return steps;
            }
        }
        """);

    [Fact]
    public Task A_switch_expression_with_or_patterns_becomes_the_winning_arm() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Title(HackleUser user) => {|HKA110:Experiments.Checkout.Variation(user)|} switch
            {
                Experiments.Checkout.Variant.A => "Checkout",
                Experiments.Checkout.Variant.B or Experiments.Checkout.Variant.C => "Pay now",
                _ => "?",
            };

            public static string Raw(IHackleClient client, HackleUser user) => {|HKA110:client.Variation(42, user)|} switch
            {
                "A" => "Checkout",
                _ => "Pay",
            };
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static string Title(HackleUser user) => "Pay now";

            public static string Raw(IHackleClient client, HackleUser user) => "Pay";
        }
        """);

    [Fact]
    public Task A_section_that_breaks_out_early_is_left_alone() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user, bool quick)
            {
                var steps = 3;
                switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                {
                    case Experiments.Checkout.Variant.B:
                        if (quick) break;
                        steps = 1;
                        break;
                }
                return steps;
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user, bool quick)
            {
                var steps = 3;
                switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                {
                    case Experiments.Checkout.Variant.B:
                        if (quick) break;
                        steps = 1;
                        break;
                }
                return steps;
            }
        }
        """);
}
