using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>Issue 13 item 5: creations that run once per event, element or request in forms the rule used to miss.</summary>
public class PerEventCreationTests
{
    private static DiagnosticResult At(int location, string where) =>
        VerifyCS.Diagnostic("HKA101").WithLocation(location).WithArguments(where);

    [Fact]
    public Task Timer_callbacks_event_handlers_and_ForEach_bodies_are_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Hackle;

        public sealed class Worker
        {
            public event EventHandler? Tick;
            private static IHackleClient? s_shared;

            public Timer Start(List<string> ids, string[] more)
            {
                Tick += (_, _) =>
                {
                    var client = {|#0:HackleClient.Create("sdk-key")|};
                    client.Track("tick", new HackleUser("u"));
                    client.Dispose();
                };
                Tick += (_, _) => s_shared = HackleClient.Create("kept");
                ids.ForEach(id => {|#1:HackleClient.Create("sdk-key")|}.Track("seen", new HackleUser(id)));
                Array.ForEach(more, id => {|#2:HackleClient.Create("sdk-key")|}.Track("seen", new HackleUser(id)));
                Parallel.ForEach(ids, id => {|#3:HackleClient.Create("sdk-key")|}.Track("seen", new HackleUser(id)));
                return new Timer(_ =>
                {
                    using var client = {|#4:HackleClient.Create("sdk-key")|};
                    client.Track("tick", new HackleUser("u"));
                }, null, 0, 1000);
            }
        }
        """,
        At(0, "in a timer or event callback"), At(1, "inside a loop"), At(2, "inside a loop"), At(3, "inside a loop"),
        At(4, "in a timer or event callback"));

    [Fact]
    public Task Poco_controllers_and_instance_Lazy_fields_of_per_request_types_are_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController
        {
            public string Get(string id)
            {
                using var client = {|#0:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }

        public class PricesController : ControllerBase
        {
            private readonly Lazy<IHackleClient> _client = new(() => {|#1:HackleClient.Create("sdk-key")|});
            private static readonly Lazy<IHackleClient> s_client = new(() => HackleClient.Create("sdk-key"));
            public string Get(string id) => _client.Value.Variation(42, new HackleUser(id)) + s_client.Value.Variation(42, new HackleUser(id));
        }

        [NonController]
        public class RemoteController
        {
            public string Get(string id)
            {
                using var client = HackleClient.Create("sdk-key");
                return client.Variation(42, new HackleUser(id));
            }
        }
        """, At(0, "in an MVC controller"), At(1, "in an MVC controller"));

    [Fact]
    public Task Conditional_creation_in_a_loop_is_reported_and_a_conditional_local_is_tracked() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public static class Program
        {
            public static void Main(string[] args)
            {
                foreach (var arg in args)
                {
                    var client = arg.Length > 3 ? {|#0:HackleClient.Create("a")|} : {|#1:HackleClient.Create("b")|};
                    client.Track("x", new HackleUser(arg));
                    client.Dispose();
                }
                var once = args.Length > 0 ? {|#2:HackleClient.Create("a")|} : {|#3:HackleClient.Create("b")|};
                once.Track("x", new HackleUser("u"));
            }
        }
        """,
        At(0, "inside a loop"), At(1, "inside a loop"),
        VerifyCS.Diagnostic("HKA103").WithLocation(2).WithArguments("once"),
        VerifyCS.Diagnostic("HKA103").WithLocation(3).WithArguments("once"));
}
