using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA101 in a controller's static helpers that its actions call (issue 13).</summary>
public class StaticHelperTests
{
    private static DiagnosticResult PerRequest(int location, string where) =>
        VerifyCS.Diagnostic("HKA101").WithLocation(location).WithArguments(where);

    [Fact]
    public Task Private_static_helper_called_by_an_action_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            public IActionResult Get(string id) => Ok(Decide(id));

            private static string Decide(string id)
            {
                using var client = {|#0:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }
        """, PerRequest(0, "in an MVC controller"));

    [Fact]
    public Task Helper_reached_through_another_static_helper_is_reported_once() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            public IActionResult Get(string id) => Ok(Outer(id));

            private static bool Outer(string id) => Inner(id);

            private static bool Inner(string id) => {|#0:HackleClient.Create("sdk-key")|}.IsFeatureOn(7, new HackleUser(id));
        }
        """, PerRequest(0, "in an MVC controller"));

    [Fact]
    public Task Static_helpers_not_called_per_request_or_returning_the_client_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private static IHackleClient? s_client;

            public IActionResult Get(string id) => Ok((s_client ??= Make()).Variation(42, new HackleUser(id)));

            // Returns the client: where the caller keeps it decides (here a static, created once).
            private static IHackleClient Make() => HackleClient.Create("sdk-key");

            // Never called from an action.
            public static void Warm()
            {
                using var client = HackleClient.Create("sdk-key");
            }
        }

        public static class Startup
        {
            public static void Run()
            {
                CheckoutController.Warm();
            }
        }
        """);
}
