using Xunit;

namespace Hackle.Analyzers.Tests.Cleanup;

/// <summary>Finished feature flags become true/false, and the logic around them is simplified.</summary>
public class FlagCleanupTests
{
    [Fact]
    public Task A_flag_that_is_on_keeps_the_on_path() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public static class Banner
        {
            public static string Text(HackleUser user, bool premium)
            {
                if (!{|HKA110:Features.NewCheckout.IsOn(user)|})
                {
                    return "old";
                }
                var fast = premium && {|HKA110:Features.NewCheckout.IsOn(user)|};
                var any = {|HKA110:Features.NewCheckout.IsOn(user)|} || premium;
                return fast ? "fast" : any ? "new" : "none";
            }
        }
        """, """
        using System;
        using Hackle;

        public static class Banner
        {
            public static string Text(HackleUser user, bool premium)
            {
                var fast = premium;
                return fast ? "fast" : "new";
            }
        }
        """);

    [Fact]
    public Task A_paused_flag_keeps_the_off_path_and_an_early_return_ends_the_block() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;

        public static class Banner
        {
            public static void Show(IHackleClient client, HackleUser user)
            {
                if (!{|HKA110:client.IsFeatureOn(7, user)|})
                {
                    Console.WriteLine("off");
                    return;
                }
                Console.WriteLine("on");
            }

            public static string Label(IHackleClient client, HackleUser user) =>
                {|HKA110:client.IsFeatureOn(7, user)|} ? "new" : "old";
        }
        """, """
        using System;
        using Hackle;

        public static class Banner
        {
            public static void Show(IHackleClient client, HackleUser user)
            {
                Console.WriteLine("off");
                return;
            }

            public static string Label(IHackleClient client, HackleUser user) =>
                "old";
        }
        """, new Finished(FlagPaused: true));

    [Fact]
    public Task Locals_and_private_methods_only_the_removed_code_used_are_removed() => CleanupVerifier.FixAsync("""
        using System;
        using Hackle;
        using HackleFlags;

        public class Banner
        {
            public string Text(string id)
            {
                var user = new HackleUser(id);
                var legacyTitle = "Welcome";
                if ({|HKA110:Features.NewCheckout.IsOn(user)|})
                {
                    return NewText();
                }
                return OldText(legacyTitle);
            }

            private static string NewText() => "New";

            /// <summary>The old banner.</summary>
            private static string OldText(string title) => Decorate(title);

            private static string Decorate(string text) => "*" + text + "*";

            private static string Unused() => "kept: it was unused before too";
        }
        """, """
        using System;

        public class Banner
        {
            public string Text(string id)
            {
                return NewText();
            }

            private static string NewText() => "New";

            private static string Unused() => "kept: it was unused before too";
        }
        """);
}
