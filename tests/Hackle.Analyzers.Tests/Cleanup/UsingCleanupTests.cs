using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>The using directives the rewrite left unused go; those unused before it, and file headers, stay.</summary>
public class UsingCleanupTests
{
    [Fact]
    public Task Usings_only_the_removed_code_used_go_and_unused_ones_from_before_stay() => CleanupVerifier.FixAsync("""
        // Copyright (c) Shop. Header comments stay.
        using System.Text;
        using System.Linq;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.C)
                {
                    return new StringBuilder("express").ToString();
                }
                return "one-page";
            }
        }
        """, """
        // Copyright (c) Shop. Header comments stay.
        using System.Linq;
        using Hackle;

        public static class Checkout
        {
            public static string Page(HackleUser user)
            {
                return "one-page";
            }
        }
        """);

    [Fact]
    public Task A_using_still_needed_elsewhere_in_the_file_stays() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
                if ({|HKA110:Experiments.Checkout.Variation(user)|} == Experiments.Checkout.Variant.C)
                {
                    Console.WriteLine("express");
                }
            }

            public static long Key => Experiments.Onboarding.Key;
        }

        namespace HackleFlags
        {
            internal static partial class Experiments
            {
                public static class Onboarding
                {
                    public const long Key = 43L;
                }
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Page(HackleUser user)
            {
            }

            public static long Key => Experiments.Onboarding.Key;
        }

        namespace HackleFlags
        {
            internal static partial class Experiments
            {
                public static class Onboarding
                {
                    public const long Key = 43L;
                }
            }
        }
        """);
}
