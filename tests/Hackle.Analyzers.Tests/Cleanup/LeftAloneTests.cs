using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>Code whose meaning the fix cannot keep is left as written (and the diagnostic stays).</summary>
public class LeftAloneTests
{
    [Fact]
    public Task An_operand_with_an_effect_before_a_finished_flag_is_kept() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Banner
        {
            private static int s_calls;

            private static bool Count() => ++s_calls > 0;

            public static bool Show(HackleUser user) => Count() && {|HKA110:Features.NewCheckout.IsOn(user)|};
        }
        """, """
        using Hackle;

        public static class Banner
        {
            private static int s_calls;

            private static bool Count() => ++s_calls > 0;

            public static bool Show(HackleUser user) => Count() && false;
        }
        """, new Finished(FlagPaused: true));

    [Fact]
    public Task A_switch_expression_arm_with_a_when_clause_is_left_alone() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Title(HackleUser user, bool vip) => {|HKA110:Experiments.Checkout.Variation(user)|} switch
            {
                Experiments.Checkout.Variant.B when vip => "VIP",
                _ => "Checkout",
            };
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static string Title(HackleUser user, bool vip) => {|HKA110:Experiments.Checkout.Variation(user)|} switch
            {
                Experiments.Checkout.Variant.B when vip => "VIP",
                _ => "Checkout",
            };
        }
        """);

    [Fact]
    public Task A_variation_passed_on_becomes_the_winners_value() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;

        public static class Checkout
        {
            public static void Log(IHackleClient client, HackleUser user) => Console.WriteLine({|HKA110:client.Variation(42, user)|});
        }
        """, """
        using System;
        using Hackle;

        public static class Checkout
        {
            public static void Log(IHackleClient client, HackleUser user) => Console.WriteLine("B");
        }
        """);

    [Fact]
    public Task A_typed_variation_passed_on_becomes_the_winners_member_and_its_using_stays() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Log(HackleUser user) => Console.WriteLine({|HKA110:Experiments.Checkout.Variation(user)|});
        }
        """, """
        using System;
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Log(HackleUser user) => Console.WriteLine(Experiments.Checkout.Variant.B);
        }
        """, new Finished(DiagnosticMode: true));
}
