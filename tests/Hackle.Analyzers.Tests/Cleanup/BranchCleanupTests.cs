using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>if/else chains and ?: comparing a finished experiment's variation keep the winning branch.</summary>
public class BranchCleanupTests
{
    [Fact]
    public Task An_else_if_chain_keeps_the_branch_of_the_winner() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static int Steps(HackleUser user, int fallback)
            {
                int steps;
                if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.C)
                {
                    steps = 0;
                }
                else if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B)
                {
                    // The winner: one page.
                    steps = 1;
                }
                else
                {
                    steps = fallback;
                }
                return steps;
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static int Steps(HackleUser user, int fallback)
            {
                int steps;
                // The winner: one page.
                steps = 1;
                return steps;
            }
        }
        """);

    [Fact]
    public Task Not_equal_is_not_and_or_patterns_and_Equals_are_decided() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                if ({|HKA110:Experiments.Checkout.Variation(user)|} != Experiments.Checkout.Variant.B)
                {
                    Console.WriteLine("not B");
                }
                if ({|HKA110:Experiments.Checkout.Variation(user)|} is Experiments.Checkout.Variant.A or Experiments.Checkout.Variant.B)
                {
                    Console.WriteLine("A or B");
                }
                if ({|HKA110:client.Variation(42, user)|} is not "A")
                {
                    Console.WriteLine("not A");
                }
                if ({|HKA110:client.Variation(42, user)|}.Equals("C"))
                {
                    Console.WriteLine("C");
                }
                else
                {
                    Console.WriteLine("else of C");
                }
                if (string.Equals("B", {|HKA110:client.Variation(42, user)|}))
                {
                    Console.WriteLine("B by string.Equals");
                }
            }
        }
        """, """
        using System;
        using Hackle;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                Console.WriteLine("A or B");
                Console.WriteLine("not A");
                Console.WriteLine("else of C");
                Console.WriteLine("B by string.Equals");
            }
        }
        """);

    [Fact]
    public Task A_conditional_expression_keeps_the_winning_operand() => CleanupVerifier.FixAsync("""
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user) =>
                1 + ({|HKA110:client.Variation(42, user)|} == "B" ? 1 : 3);
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static int Steps(IHackleClient client, HackleUser user) =>
                1 + 1;
        }
        """);

    [Fact]
    public Task A_variation_stored_in_a_local_is_decided_at_each_use_and_the_local_goes() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Run(HackleUser user)
            {
                var variation = {|HKA110:Experiments.Checkout.Variation(user)|};
                if (variation == Experiments.Checkout.Variant.A)
                {
                    Console.WriteLine("control");
                }
                return variation == Experiments.Checkout.Variant.B ? "one page" : "classic";
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static string Run(HackleUser user)
            {
                return "one page";
            }
        }
        """);

    [Fact]
    public Task A_local_that_is_assigned_again_keeps_the_winner_as_its_value() => CleanupVerifier.FixAsync("""
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user)
            {
                var variation = {|HKA110:client.Variation(42, user)|};
                if (user.Id == "admin") variation = "C";
                return variation;
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user)
            {
                var variation = "B";
                if (user.Id == "admin") variation = "C";
                return variation;
            }
        }
        """);
}
