using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>Nesting, several files, async code, expression-bodied members, top-level programs and language versions.</summary>
public class ShapeCleanupTests
{
    [Fact]
    public Task Nested_experiments_and_a_flag_inside_the_winners_branch_fold_in_turn() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B)
                {
                    if ({|HKA110:Features.NewCheckout.IsOn(user)|})
                    {
                        Console.WriteLine("B with the new flow");
                    }
                    else
                    {
                        Console.WriteLine("B with the old flow");
                    }
                    switch ({|HKA110:client.Variation(42, user)|})
                    {
                        case "B":
                            Console.WriteLine("B again");
                            break;
                    }
                }
                else
                {
                    Console.WriteLine({|HKA110:Features.NewCheckout.IsOn(user)|} ? "A new" : "A old");
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
                Console.WriteLine("B with the new flow");
                Console.WriteLine("B again");
            }
        }
        """);

    [Fact]
    public Task Fix_all_cleans_the_same_experiment_in_several_files() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class First
        {
            public static int Steps(HackleUser user) => {|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B ? 1 : 3;
        }
        """, """
        using Hackle;

        public static class First
        {
            public static int Steps(HackleUser user) => 1;
        }
        """, moreFiles: new[]
        {
            ("/0/Second.cs", """
                using Hackle;
                using HackleFlags;

                public static class Second
                {
                    public static string Title(HackleUser user)
                    {
                        switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                        {
                            case Experiments.Checkout.Variant.B:
                                return "Pay now";
                            default:
                                return "Checkout";
                        }
                    }
                }
                """, """
                using Hackle;

                public static class Second
                {
                    public static string Title(HackleUser user)
                    {
                        return "Pay now";
                    }
                }
                """),
        });

    [Fact]
    public Task Async_code_keeps_its_awaits() => CleanupVerifier.FixAsync("""
        using System.Threading.Tasks;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static async Task<int> StepsAsync(HackleUser user)
            {
                await Task.Yield();
                if ({|HKA110:Experiments.Checkout.Variation(user)|} is Experiments.Checkout.Variant.B)
                {
                    return await Task.FromResult(1);
                }
                return await Task.FromResult(3);
            }
        }
        """, """
        using System.Threading.Tasks;
        using Hackle;

        public static class Checkout
        {
            public static async Task<int> StepsAsync(HackleUser user)
            {
                await Task.Yield();
                return await Task.FromResult(1);
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_members_and_lambdas_keep_the_winning_expression() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public class Checkout
        {
            private readonly HackleUser _user = new HackleUser("u");

            public string Title => {|HKA110:Features.NewCheckout.IsOn(_user)|} ? "New" : "Old";

            public Func<HackleUser, bool> IsOnePage => user => {|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B;
        }
        """, """
        using System;
        using Hackle;

        public class Checkout
        {
            private readonly HackleUser _user = new HackleUser("u");

            public string Title => "New";

            public Func<HackleUser, bool> IsOnePage => user => true;
        }
        """);

    [Fact]
    public Task A_top_level_program_keeps_the_winners_statements() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        var user = new HackleUser("user-1");
        // Greet by variation.
        if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.B)
        {
            Console.WriteLine("one page");
        }
        else
        {
            Console.WriteLine("classic");
        }
        """, """
        using System;

        // Greet by variation.
        Console.WriteLine("one page");
        """);

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3)]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp12)]
    [InlineData(LanguageVersion.Latest)]
    public Task Every_language_version_from_7_3_is_cleaned(LanguageVersion language) => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user)
            {
                switch ({|HKA110:Experiments.Checkout.Variation(user)|})
                {
                    case Experiments.Checkout.Variant.B:
                        Console.WriteLine("B");
                        break;
                    default:
                        Console.WriteLine("other");
                        break;
                }
                var on = {|HKA110:Features.NewCheckout.IsOn(client, user)|};
                if ({|HKA110:client.Variation(42, user)|} is "B" && on) return "both";
                return {|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.A ? "A" : "not A";
            }
        }
        """, """
        using System;
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user)
            {
                Console.WriteLine("B");
                return "both";
            }
        }
        """, language: language);

    [Fact]
    public Task A_variation_shown_with_ToString_becomes_the_members_name() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static object Page(IHackleClient client, HackleUser user)
            {
                var variation = {|HKA110:Experiments.Checkout.Variation(user)|};
                return new
                {
                    layout = variation switch
                    {
                        Experiments.Checkout.Variant.B => "one-page",
                        Experiments.Checkout.Variant.C => "express",
                        _ => "three-step",
                    },
                    variation = variation.ToString(),
                    raw = {|HKA110:client.Variation(42, user)|}.ToString(),
                };
            }
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static object Page(IHackleClient client, HackleUser user)
            {
                return new
                {
                    layout = "one-page",
                    variation = "B",
                    raw = "B",
                };
            }
        }
        """);
}
