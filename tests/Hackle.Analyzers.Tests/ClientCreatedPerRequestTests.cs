using Hackle.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA101: a client created in per-request code or inside a loop, and the exemptions.</summary>
public class ClientCreatedPerRequestTests
{
    private static DiagnosticResult PerRequest(int location, string where) =>
        VerifyCS.Diagnostic("HKA101").WithLocation(location).WithArguments(where);

    [Fact]
    public Task Controller_action_is_reported_with_its_context() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class CheckoutController : ControllerBase
        {
            public IActionResult Get()
            {
                var client = {|#0:HackleClient.Create("sdk-key")|};
                return Ok();
            }
        }
        """, PerRequest(0, "in an MVC controller"));

    [Fact]
    public Task Controller_constructor_and_instance_initializer_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class HomeController : Controller
        {
            private readonly IHackleClient _fromInitializer = {|HKA101:HackleClient.Create("sdk-key")|};
            private readonly IHackleClient _fromConstructor;

            public HomeController() => _fromConstructor = {|HKA101:HackleClient.Create("sdk-key")|};
        }
        """);

    [Fact]
    public Task Controller_recognised_by_attribute_only() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        [Microsoft.AspNetCore.Mvc.Controller]
        public class PocoController
        {
            public string Get() => {|HKA101:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser("u"));
        }
        """);

    [Fact]
    public Task Controller_static_field_static_constructor_and_NonController_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private static readonly IHackleClient s_client = HackleClient.Create("sdk-key");
            private static readonly IHackleClient s_other;

            static CheckoutController() => s_other = HackleClient.Create("other-key");

            public IActionResult Get() => Ok();
        }

        [NonController]
        public class NotAController : ControllerBase
        {
            public IHackleClient Make() => HackleClient.Create("sdk-key");
        }
        """);

    [Fact]
    public Task Lazy_initialisation_of_static_storage_in_a_controller_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private static IHackleClient? s_coalesced;
            private static IHackleClient? s_checked;
            private static IHackleClient? s_inline;
            private static readonly Lazy<IHackleClient> s_lazy = new(() => HackleClient.Create("sdk-key"));
            private static readonly object s_gate = new();

            public IActionResult Coalesce()
            {
                s_coalesced ??= HackleClient.Create("sdk-key");
                return Ok();
            }

            public IActionResult DoubleChecked()
            {
                if (s_checked is null)
                {
                    lock (s_gate)
                    {
                        if (s_checked is null) s_checked = HackleClient.Create("sdk-key");
                    }
                }
                return Ok();
            }

            public IHackleClient Inline() => s_inline ?? (s_inline = HackleClient.Create("sdk-key"));
        }
        """);

    [Fact]
    public Task Lazy_initialisation_of_per_request_storage_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private IHackleClient? _client;

            public IActionResult Field()
            {
                _client ??= {|HKA101:HackleClient.Create("sdk-key")|};
                return Ok();
            }

            public IActionResult Local(bool flag)
            {
                IHackleClient? client = null;
                if (client is null) client = {|HKA101:HackleClient.Create("sdk-key")|};
                return Ok();
            }

            public IActionResult UnguardedStatic()
            {
                Holder.Client = {|HKA101:HackleClient.Create("sdk-key")|};
                return Ok();
            }
        }

        public static class Holder { public static IHackleClient? Client { get; set; } }
        """);

    [Fact]
    public Task Conditional_creation_that_is_not_lazy_storage_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            public IActionResult Get(bool beta)
            {
                if (beta)
                {
                    using var client = {|HKA101:HackleClient.Create("beta-key")|};
                }
                var other = beta ? {|HKA101:HackleClient.Create("a")|} : {|HKA101:HackleClient.Create("b")|};
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Razor_page_handler_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            public string Variation { get; private set; } = "A";

            public void OnGet() => Variation = {|#0:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser("u"));
        }
        """, PerRequest(0, "in a Razor Page model"));

    [Fact]
    public Task Razor_page_static_helper_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            private static readonly IHackleClient s_client = HackleClient.Create("sdk-key");

            public void OnGet() { }
        }
        """);

    [Fact]
    public Task Minimal_api_lambda_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        app.MapGet("/checkout", (string id) => {|#0:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id)));
        """, PerRequest(0, "in a minimal-API handler"));

    [Fact]
    public Task Minimal_api_method_groups_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        app.MapGet("/local", Local);
        app.MapPost("/method", Endpoints.Checkout);

        string Local(string id) => {|#0:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id));

        static class Endpoints
        {
            public static string Checkout(string id) => {|#1:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id));
            public static void Map(WebApplication app) => app.MapGet("/other", Checkout);
        }
        """, PerRequest(0, "in a minimal-API handler"), PerRequest(1, "in a minimal-API handler"));

    [Fact]
    public Task Client_created_at_startup_and_captured_by_the_handler_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        var client = HackleClient.Create("sdk-key");
        IHackleClient? lazy = null;
        app.MapGet("/checkout", (string id) => client.Variation(42, new HackleUser(id)));
        app.MapGet("/lazy", (string id) => (lazy ??= HackleClient.Create("sdk-key")).Variation(42, new HackleUser(id)));
        client.Dispose();

        static class NotAHandler
        {
            public static IHackleClient Build() => HackleClient.Create("sdk-key");
        }
        """);

    [Fact]
    public Task Request_delegates_and_inline_middleware_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        app.Map("/raw", context => { using var c = {|#0:HackleClient.Create("k")|}; return Task.CompletedTask; });
        app.Use(async (context, next) => { {|#1:HackleClient.Create("k")|}.Track("visit", new HackleUser("u")); await next(context); });
        """, PerRequest(0, "in a request delegate"), PerRequest(1, "in a request delegate"));

    [Fact]
    public Task Convention_and_factory_middleware_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.AspNetCore.Http;

        public sealed class ConventionMiddleware
        {
            private readonly RequestDelegate _next;
            private readonly IHackleClient _client;

            // Convention middleware is built once: its constructor is not per request.
            public ConventionMiddleware(RequestDelegate next)
            {
                _next = next;
                _client = HackleClient.Create("sdk-key");
            }

            public async Task InvokeAsync(HttpContext context)
            {
                using var perRequest = {|#0:HackleClient.Create("sdk-key")|};
                await _next(context);
            }

            public void Dispose() => _client.Dispose();
        }

        public sealed class FactoryMiddleware : IMiddleware
        {
            private readonly IHackleClient _client = {|#1:HackleClient.Create("sdk-key")|};

            public Task InvokeAsync(HttpContext context, RequestDelegate next) => next(context);
        }
        """, PerRequest(0, "in middleware"), PerRequest(1, "in middleware"));

    [Fact]
    public Task Middleware_lazily_filling_its_own_field_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.AspNetCore.Http;

        public sealed class ConventionMiddleware : IDisposable
        {
            private readonly RequestDelegate _next;
            private IHackleClient? _client;

            public ConventionMiddleware(RequestDelegate next) => _next = next;

            public Task InvokeAsync(HttpContext context)
            {
                _client ??= HackleClient.Create("sdk-key");
                return _next(context);
            }

            public void Dispose() => _client?.Dispose();
        }
        """);

    [Fact]
    public Task SignalR_hub_is_reported_and_plain_class_is_not() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.AspNetCore.SignalR;

        public interface IChatClient { }

        public class ChatHub : Hub<IChatClient>
        {
            public Task Send(string user) { {|#0:HackleClient.Create("sdk-key")|}.Track("send", new HackleUser(user)); return Task.CompletedTask; }
        }

        public class NotAHub
        {
            private readonly IHackleClient {|#1:_client|} = HackleClient.Create("sdk-key");
            public void Send(string user) => _client.Track("send", new HackleUser(user));
        }
        """, PerRequest(0, "in a SignalR hub"),
        VerifyCS.Diagnostic("HKA104").WithLocation(1).WithArguments("NotAHub", "_client", "does not implement IDisposable"));

    [Fact]
    public Task Grpc_service_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Demo.Protos;
        using Grpc.Core;
        using Hackle;

        public class GreeterService : Greeter.GreeterBase
        {
            public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context)
            {
                var variation = {|#0:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser("u"));
                return Task.FromResult(new HelloReply());
            }
        }
        """, PerRequest(0, "in a gRPC service"));

    [Fact]
    public Task Grpc_service_static_client_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Demo.Protos;
        using Grpc.Core;
        using Hackle;

        public class GreeterService : Greeter.GreeterBase
        {
            private static readonly IHackleClient s_client = HackleClient.Create("sdk-key");

            public override Task<HelloReply> SayHello(HelloRequest request, ServerCallContext context)
            {
                var variation = s_client.Variation(42, new HackleUser("u"));
                return Task.FromResult(new HelloReply());
            }
        }
        """);

    [Fact]
    public Task Azure_functions_isolated_and_in_process_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.WebJobs;

        public class IsolatedFunctions
        {
            [Function("Checkout")]
            public string Run(string id) => {|#0:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id));
        }

        public static class InProcessFunctions
        {
            [FunctionName("Checkout")]
            public static string Run(string id) => {|#1:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id));
        }
        """, PerRequest(0, "in an Azure Function"), PerRequest(1, "in an Azure Function"));

    [Fact]
    public Task Azure_function_with_static_client_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.Azure.WebJobs;

        public static class InProcessFunctions
        {
            private static readonly IHackleClient s_client = HackleClient.Create("sdk-key");

            [FunctionName("Checkout")]
            public static string Run(string id) => s_client.Variation(42, new HackleUser(id));
        }
        """);

    [Fact]
    public Task Mvc_filter_method_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc.Filters;

        public sealed class ExposureFilter : ActionFilterAttribute
        {
            public override void OnActionExecuting(ActionExecutingContext context) =>
                {|#0:HackleClient.Create("sdk-key")|}.Track("action", new HackleUser("u"));
        }
        """, PerRequest(0, "in an MVC filter"));

    [Fact]
    public Task Loops_are_reported_anywhere() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Hackle;

        public static class Batch
        {
            public static void Run(IEnumerable<string> users)
            {
                foreach (var id in users)
                {
                    using var client = {|#0:HackleClient.Create("sdk-key")|};
                    client.Track("batch", new HackleUser(id));
                }
                for (var i = 0; i < 3; i++) {|#1:HackleClient.Create("sdk-key")|}.Track("i", new HackleUser("u"));
                var n = 0;
                while (n++ < 3) { var c = {|#2:HackleClient.Create("sdk-key")|}; c.Track("n", new HackleUser("u")); c.Dispose(); }
                do { {|#3:HackleClient.Create("sdk-key")|}.Track("d", new HackleUser("u")); } while (n-- > 0);
                Parallel.ForEach(users, id => {|#4:HackleClient.Create("sdk-key")|}.Track("p", new HackleUser(id)));
                var variations = users.Select(id => {|#5:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id))).ToList();
            }
        }
        """,
        PerRequest(0, "inside a loop"), PerRequest(1, "inside a loop"), PerRequest(2, "inside a loop"),
        PerRequest(3, "inside a loop"), PerRequest(4, "inside a loop"), PerRequest(5, "inside a loop"));

    [Fact]
    public Task Loops_creating_clients_for_reuse_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using Hackle;

        public sealed class Tenants : IDisposable
        {
            private readonly Dictionary<string, IHackleClient> _byTenant = new();
            private readonly List<IHackleClient> _all = new();

            public Tenants(IEnumerable<string> sdkKeys)
            {
                foreach (var key in sdkKeys) _byTenant[key] = HackleClient.Create(key);
                foreach (var key in sdkKeys)
                {
                    var client = HackleClient.Create(key);
                    _all.Add(client);
                }
                IHackleClient? first = null;
                foreach (var key in sdkKeys) first ??= HackleClient.Create(key);
                var fromLinq = sdkKeys.Select(k => HackleClient.Create(k)).ToList();
                _all.AddRange(fromLinq);
                foreach (var key in HackleClient.Create("bootstrap").Variation(1, new HackleUser("u"))) { }
            }

            public void Dispose()
            {
                foreach (var client in _all) client.Dispose();
                foreach (var client in _byTenant.Values) client.Dispose();
            }
        }
        """);

    /// <summary>Issue 13 item 8: the documented exemption for a variable declared outside the loop.</summary>
    [Fact]
    public Task Fail_over_loop_assigning_an_outer_variable_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using Hackle;

        public static class Startup
        {
            public static void Run(IReadOnlyList<string> sdkKeys)
            {
                IHackleClient? client = null;
                foreach (var key in sdkKeys)
                {
                    client = HackleClient.Create(key);
                    if (client.IsReady) break;
                    client.Dispose();
                }
                for (var i = 0; i < sdkKeys.Count; i++)
                {
                    var attempt = {|#0:HackleClient.Create(sdkKeys[i])|};
                    if (attempt.IsReady) break;
                    attempt.Dispose();
                }
                client?.Track("started", new HackleUser("u"));
                client?.Dispose();
            }
        }
        """, PerRequest(0, "inside a loop"));

    [Fact]
    public Task Registration_and_cache_factories_in_loops_and_controllers_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using Hackle;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services, IEnumerable<string> keys)
            {
                services.AddSingleton<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                foreach (var key in keys) services.AddKeyedSingleton<IHackleClient>(key, (_, _) => HackleClient.Create(key));
                services.AddHackle(HackleClient.Create("sdk-key"));
            }
        }

        public class TenantController : ControllerBase
        {
            private static readonly ConcurrentDictionary<string, IHackleClient> s_clients = new();

            public IActionResult Get(string tenant)
            {
                var client = s_clients.GetOrAdd(tenant, key => HackleClient.Create(key));
                return Ok();
            }
        }
        """);

    [Fact]
    public Task Nothing_is_reported_without_the_runtime() => VerifyCS.AnalyzerAsync("""
        namespace Hackle
        {
            public sealed class HackleClient { public static HackleClient Create(string key) => new HackleClient(); }
        }

        public class CheckoutController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            public void Get()
            {
                for (var i = 0; i < 3; i++) { var client = Hackle.HackleClient.Create("k"); }
            }
        }
        """, TestOptions.Default with { Runtime = false });

    [Fact]
    public Task Web_contexts_are_inert_without_the_web_frameworks() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public class HomeController
        {
            public string Index() => HackleClient.Create("sdk-key").Variation(42, new HackleUser("u"));
        }
        """, TestOptions.Default with { Web = false });
}
