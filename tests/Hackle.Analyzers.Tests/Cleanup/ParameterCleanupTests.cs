using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>
/// A remote-config parameter without target rules gives every user its default: each read is reported and becomes the
/// value, which then folds like a flag (booleans) or a variation key (strings). The fix is opt-in
/// (HackleFlags_FixedParameters=inline): a default can still be changed in the dashboard.
/// </summary>
public class ParameterCleanupTests
{
    [Fact]
    public Task Reads_of_fixed_parameters_are_reported_and_a_parameter_with_target_rules_is_not() => Reads("use the value itself (code fix: 'Use {0}')", new Finished(InlineParameters: true));

    [Fact]
    public Task Without_the_opt_in_reads_are_reported_without_a_fix() =>
        Reads("no automatic fix by default: the default can still be changed in the dashboard; set HackleFlags_FixedParameters=inline to let the fix write the value", new Finished());

    [Fact]
    public Task Without_the_opt_in_the_code_is_left_as_written() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Cart
        {
            public static bool Reviews(HackleUser user) => {|HKA110:RemoteConfig.ShowReviews.Get(user)|};
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Cart
        {
            public static bool Reviews(HackleUser user) => {|HKA110:RemoteConfig.ShowReviews.Get(user)|};
        }
        """);

    private static Task Reads(string advice, Finished finished) => CleanupVerifier.AnalyzeAsync("""
        using Hackle;
        using HackleFlags;

        public static class Uses
        {
            public static object Run(IHackleClient client, HackleUser user) =>
                {|#0:RemoteConfig.Banner.Get(user)|} + {|#1:RemoteConfig.Threshold.Get(client, user)|} + {|#2:RemoteConfig.ShowReviews.Get(user)|} +
                RemoteConfig.Discount.Get(user) + {|#3:RemoteConfig.Banner.Detail(user)|}.Reason +
                {|#4:client.RemoteConfig(user).GetString("banner", "Welcome")|} + {|#5:client.RemoteConfig(user).GetDouble("threshold", 1)|} +
                client.RemoteConfig(user).GetDouble("banner", 1) + client.RemoteConfig(user).GetDouble("discount", 1);
        }
        """, finished,
        CleanupVerifier.Diagnostic().WithLocation(0).WithArguments("Remote-config parameter", "'banner'", "without target rules", "\"Free shipping\"", string.Format(advice, "\"Free shipping\"")),
        CleanupVerifier.Diagnostic().WithLocation(1).WithArguments("Remote-config parameter", "'threshold'", "without target rules", "50", string.Format(advice, "50")),
        CleanupVerifier.Diagnostic().WithLocation(2).WithArguments("Remote-config parameter", "'show_reviews'", "without target rules", "true", string.Format(advice, "true")),
        CleanupVerifier.Diagnostic().WithLocation(3).WithArguments("Remote-config parameter", "'banner'", "without target rules", "\"Free shipping\"",
            "no automatic fix: the decision's reason and config have no fixed value, so replace this use by hand"),
        CleanupVerifier.Diagnostic().WithLocation(4).WithArguments("Remote-config parameter", "'banner'", "without target rules", "\"Free shipping\"", string.Format(advice, "\"Free shipping\"")),
        CleanupVerifier.Diagnostic().WithLocation(5).WithArguments("Remote-config parameter", "'threshold'", "without target rules", "50", string.Format(advice, "50")));

    [Fact]
    public Task Typed_reads_become_the_values_and_a_boolean_folds_its_branch() => CleanupVerifier.FixAsync("""
        using Hackle;
        using HackleFlags;

        public static class Cart
        {
            public static string Render(HackleUser user, double total)
            {
                var banner = {|HKA110:RemoteConfig.Banner.Get(user)|};
                if (!{|HKA110:RemoteConfig.ShowReviews.Get(user)|})
                {
                    return banner;
                }
                var free = total >= {|HKA110:RemoteConfig.Threshold.Get(user)|};
                return banner + (free ? " (free)" : "") + RemoteConfig.Discount.Get(user);
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Cart
        {
            public static string Render(HackleUser user, double total)
            {
                var free = total >= 50.0;
                return "Free shipping" + (free ? " (free)" : "") + RemoteConfig.Discount.Get(user);
            }
        }
        """, new Finished(InlineParameters: true));

    [Fact]
    public Task A_raw_read_with_the_manifest_key_becomes_the_value_and_a_string_comparison_folds() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;

        public static class Cart
        {
            public static void Render(IHackleClient client, HackleUser user)
            {
                if ({|HKA110:client.RemoteConfig(user).GetString("banner", "Welcome")|} == "Free shipping")
                {
                    Console.WriteLine("free");
                }
                else
                {
                    Console.WriteLine("paid");
                }
                Console.WriteLine({|HKA110:client.RemoteConfig(user).GetDouble("threshold", 0)|});
            }
        }
        """, """
        using System;
        using Hackle;

        public static class Cart
        {
            public static void Render(IHackleClient client, HackleUser user)
            {
                Console.WriteLine("free");
                Console.WriteLine(50.0);
            }
        }
        """, new Finished(InlineParameters: true));
}
