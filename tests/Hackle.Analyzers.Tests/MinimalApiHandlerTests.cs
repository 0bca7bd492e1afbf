using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// Issue 13 item 2: minimal-API handlers the way real apps write them are request handlers (HKA101), never a
/// local to wrap in 'using' (HKA103), which would close the process-wide client on every request.
/// </summary>
public class MinimalApiHandlerTests
{
    private static DiagnosticResult PerRequest(int location, string where = "in a minimal-API handler") =>
        VerifyCS.Diagnostic("HKA101").WithLocation(location).WithArguments(where);

    [Fact]
    public Task Method_groups_declared_in_another_class_are_handlers() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        var handlers = new InstanceHandlers();
        app.MapGet("/x", CheckoutHandlers.Get);
        app.MapPost("/y", handlers.Decide);

        public static class CheckoutHandlers
        {
            public static string Get(string id)
            {
                var client = {|#0:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }

        public sealed class InstanceHandlers
        {
            public string Decide(string id)
            {
                var client = {|#1:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }
        """, PerRequest(0), PerRequest(1));

    [Fact]
    public Task Handlers_kept_in_delegate_variables_then_mapped_are_handlers() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        Func<string, string> lambda = id =>
        {
            var client = {|#0:HackleClient.Create("sdk-key")|};
            return client.Variation(42, new HackleUser(id));
        };
        Delegate group = Handlers.Get;
        app.MapGet("/a", lambda);
        app.MapGet("/b", group);

        public static class Handlers
        {
            public static string Get(string id)
            {
                var client = {|#1:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }
        """, PerRequest(0), PerRequest(1));

    [Fact]
    public Task Route_groups_and_inline_endpoint_filters_are_per_request() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var app = WebApplication.Create();
        var api = app.MapGroup("/api");
        api.MapGet("/x", (string id) =>
            {
                var client = {|#0:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            })
            .AddEndpointFilter(async (context, next) =>
            {
                var client = {|#1:HackleClient.Create("sdk-key")|};
                client.Track("filtered", new HackleUser("u"));
                return await next(context);
            });
        """, PerRequest(0), PerRequest(1, "in an endpoint filter"));

    [Fact]
    public Task Delegates_that_are_never_mapped_stay_HKA103() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        Func<string, string> notMapped = id =>
        {
            var client = {|#0:HackleClient.Create("sdk-key")|};
            return client.Variation(42, new HackleUser(id));
        };
        Console.WriteLine(notMapped("u") + Tools.Run("u"));

        public static class Tools
        {
            public static string Run(string id)
            {
                var client = {|#1:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id));
            }
        }
        """,
        VerifyCS.Diagnostic("HKA103").WithLocation(0).WithArguments("client"),
        VerifyCS.Diagnostic("HKA103").WithLocation(1).WithArguments("client"));
}
