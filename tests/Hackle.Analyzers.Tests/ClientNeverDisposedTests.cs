using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA103: a locally created client that is never disposed and does not escape.</summary>
public class ClientNeverDisposedTests
{
    [Fact]
    public Task Local_that_is_only_used_is_reported_with_its_name() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Program
        {
            public static void Main()
            {
                var client = {|#0:HackleClient.Create("sdk-key")|};
                var user = new HackleUser("u");
                if (client.Variation(42, user) == "B" && client.IsReady) client.Track("purchase", user);
                var config = client.RemoteConfig(user);
                IHackleClient later;
                later = {|#1:HackleClient.Create("other-key")|};
                later.Track("x", user);
            }
        }
        """,
        VerifyCS.Diagnostic("HKA103").WithLocation(0).WithArguments("client"),
        VerifyCS.Diagnostic("HKA103").WithLocation(1).WithArguments("later"));

    [Fact]
    public Task Top_level_program_without_dispose_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        var client = {|HKA103:HackleClient.Create("sdk-key")|};
        System.Console.WriteLine(client.Variation(42, new HackleUser("u")));
        """);

    [Fact]
    public Task Disposed_or_closed_locals_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Hackle;

        public static class Program
        {
            public static async Task Main()
            {
                using var a = HackleClient.Create("a");
                await using var b = HackleClient.Create("b");
                using (var c = HackleClient.Create("c")) { c.Track("x", new HackleUser("u")); }
                var d = HackleClient.Create("d");
                d.Close();
                var e = HackleClient.Create("e");
                await e.DisposeAsync();
                var f = HackleClient.Create("f");
                try { f.Track("x", new HackleUser("u")); } finally { f?.Dispose(); }
                var g = HackleClient.Create("g");
                using (g) { }
                var h = HackleClient.Create("h");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => h.Dispose();
            }
        }
        """);

    [Fact]
    public Task Escaping_locals_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using Hackle;

        public sealed class Holder { public IHackleClient? Client { get; set; } }

        public static class Factory
        {
            private static IHackleClient? s_client;

            public static IHackleClient Returned()
            {
                var client = HackleClient.Create("a");
                return client;
            }

            public static void Stored(Holder holder, List<IHackleClient> all)
            {
                var toField = HackleClient.Create("b");
                s_client = toField;
                var toProperty = HackleClient.Create("c");
                holder.Client = toProperty;
                var toList = HackleClient.Create("d");
                all.Add(toList);
                var captured = HackleClient.Create("e");
                Func<string> later = () => captured.Variation(42, new HackleUser("u"));
                var passed = HackleClient.Create("f");
                Use(passed);
                var tuple = (HackleClient.Create("g"), 1);
            }

            private static void Use(IHackleClient client) { }
        }
        """);

    [Fact]
    public Task Injected_clients_and_factories_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public sealed class Service
        {
            private readonly IHackleClient _client;
            public Service(IHackleClient client) => _client = client;

            public string Decide(IHackleClient other)
            {
                var current = HackleClient.Current;
                var injected = other;
                return injected.Variation(42, new HackleUser("u")) + current.Variation(42, new HackleUser("u"));
            }
        }

        public static class ClientFactory
        {
            public static IHackleClient Create(string key) => HackleClient.Create(key);
            public static void Warm(string key) => HackleClient.Create(key);
        }
        """);
}
