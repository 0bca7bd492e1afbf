using Hackle.Analyzers.Tests.Infrastructure;
using Hackle.CodeFixes;
using Xunit;
using VerifyFlags = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.FlagKeys.FlagKeyAnalyzer>;
using VerifyLifetime = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;
using VerifyRegistration = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Registration.ServiceLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>Every code fix, checked on the code it produces (which must also compile).</summary>
public class CodeFixTests
{
    [Fact]
    public Task Controller_action_gets_a_constructor_injected_field_and_loses_its_using() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            public IActionResult Get(string id)
            {
                using var client = {|HKA101:HackleClient.Create("sdk-key")|};
                return client.Variation(42, new HackleUser(id)) == "B" ? Ok() : Ok();
            }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private readonly IHackleClient _hackleClient;

            public CheckoutController(IHackleClient hackleClient)
            {
                _hackleClient = hackleClient;
            }

            public IActionResult Get(string id)
            {
                var client = _hackleClient;
                return client.Variation(42, new HackleUser(id)) == "B" ? Ok() : Ok();
            }
        }
        """);

    [Fact]
    public Task Existing_constructor_gets_the_parameter_and_the_creation_there_uses_it() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.SignalR;

        public class ChatHub : Hub
        {
            private readonly IHackleClient _client;
            private readonly string _name;

            public ChatHub(string name)
            {
                _name = name;
                _client = {|HKA101:HackleClient.Create("sdk-key")|};
            }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.SignalR;

        public class ChatHub : Hub
        {
            private readonly IHackleClient _client;
            private readonly string _name;

            public ChatHub(string name, IHackleClient hackleClient)
            {
                _name = name;
                _client = hackleClient;
            }
        }
        """);

    [Fact]
    public Task Field_initializer_is_assigned_from_a_constructor_parameter() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            private readonly IHackleClient _client = {|HKA101:HackleClient.Create("sdk-key")|};

            public IndexModel(int pageSize) => PageSize = pageSize;

            public int PageSize { get; }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class IndexModel : PageModel
        {
            private readonly IHackleClient _client;

            public IndexModel(int pageSize, IHackleClient hackleClient)
            {
                _client = hackleClient;
                PageSize = pageSize;
            }

            public int PageSize { get; }
        }
        """);

    [Fact]
    public Task Primary_constructor_gets_the_parameter() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController(ILoggerStub logger) : ControllerBase
        {
            public string Get() => {|HKA101:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser("u"));
        }

        public interface ILoggerStub { }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController(ILoggerStub logger, IHackleClient hackleClient) : ControllerBase
        {
            public string Get() => hackleClient.Variation(42, new HackleUser("u"));
        }

        public interface ILoggerStub { }
        """);

    [Fact]
    public Task Minimal_api_lambda_gets_a_handler_parameter() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        app.MapGet("/checkout", (string id) => {|HKA101:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(id)));
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create();
        app.MapGet("/checkout", (string id, IHackleClient hackleClient) => hackleClient.Variation(42, new HackleUser(id)));
        """);

    /// <summary>Issue 13: a Map* handler taking HttpContext first is a route handler, and gets the parameter too.</summary>
    [Fact]
    public Task Minimal_api_lambda_taking_HttpContext_gets_a_handler_parameter() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var app = WebApplication.Create();
        app.MapGet("/checkout", (HttpContext context) => {|HKA101:HackleClient.Create("sdk-key")|}.Variation(42, new HackleUser(context.TraceIdentifier)));
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var app = WebApplication.Create();
        app.MapGet("/checkout", (HttpContext context, IHackleClient hackleClient) => hackleClient.Variation(42, new HackleUser(context.TraceIdentifier)));
        """);

    [Fact]
    public Task Minimal_api_method_group_gets_a_parameter_and_the_using_statement_becomes_a_block() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/checkout", Checkout);

            static string Checkout(string id)
            {
                using (var client = {|HKA101:HackleClient.Create("sdk-key")|})
                {
                    return client.Variation(42, new HackleUser(id));
                }
            }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Builder;

        static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/checkout", Checkout);

            static string Checkout(string id, IHackleClient hackleClient)
            {
                {
                    var client = hackleClient;
                    return client.Variation(42, new HackleUser(id));
                }
            }
        }
        """);

    /// <summary>Issue 13: the inject fix must compile when the code needs the concrete HackleClient (AddHackle registers it too).</summary>
    [Fact]
    public Task Concrete_client_uses_inject_HackleClient() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class StatsController : ControllerBase
        {
            public IActionResult Get()
            {
                var client = {|HKA101:HackleClient.Create("sdk-key")|};
                return Ok(client.EventStats);
            }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class StatsController : ControllerBase
        {
            private readonly HackleClient _hackleClient;

            public StatsController(HackleClient hackleClient)
            {
                _hackleClient = hackleClient;
            }

            public IActionResult Get()
            {
                var client = _hackleClient;
                return Ok(client.EventStats);
            }
        }
        """);

    [Fact]
    public Task Explicitly_typed_local_and_chained_constructors_compile() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class PricesController : ControllerBase
        {
            private readonly string _region;

            public PricesController() : this("eu") { }

            public PricesController(string region)
            {
                _region = region;
            }

            public IActionResult Get(string id)
            {
                HackleClient client = {|HKA101:HackleClient.Create("sdk-key")|};
                return Ok(client.Variation(42, new HackleUser(id + _region)));
            }
        }
        """, """
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class PricesController : ControllerBase
        {
            private readonly HackleClient _hackleClient;
            private readonly string _region;

            public PricesController(HackleClient hackleClient) : this("eu", hackleClient) { }

            public PricesController(string region, HackleClient hackleClient)
            {
                _hackleClient = hackleClient;
                _region = region;
            }

            public IActionResult Get(string id)
            {
                HackleClient client = _hackleClient;
                return Ok(client.Variation(42, new HackleUser(id + _region)));
            }
        }
        """);

    [Fact]
    public Task Loop_has_no_injection_fix() => VerifyLifetime.CodeFixAsync<InjectClientCodeFixProvider>("""
        using Hackle;

        public static class Batch
        {
            public static void Run(string[] ids)
            {
                foreach (var id in ids) {|HKA101:HackleClient.Create("sdk-key")|}.Track("x", new HackleUser(id));
            }
        }
        """, """
        using Hackle;

        public static class Batch
        {
            public static void Run(string[] ids)
            {
                foreach (var id in ids) {|HKA101:HackleClient.Create("sdk-key")|}.Track("x", new HackleUser(id));
            }
        }
        """);

    [Fact]
    public Task Scoped_and_lifetime_argument_become_singleton() => VerifyRegistration.CodeFixAsync<UseSingletonLifetimeCodeFixProvider>("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|HKA102:AddScoped|}<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                services.{|HKA102:TryAddTransient|}<IHackleClient>(_ => HackleClient.Current);
                services.Add(new ServiceDescriptor(typeof(IHackleClient), _ => HackleClient.Create("k"), {|HKA102:ServiceLifetime.Scoped|}));
            }
        }
        """, """
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddSingleton<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                services.TryAddSingleton<IHackleClient>(_ => HackleClient.Current);
                services.Add(new ServiceDescriptor(typeof(IHackleClient), _ => HackleClient.Create("k"), ServiceLifetime.Singleton));
            }
        }
        """);

    [Fact]
    public Task Local_gets_using() => VerifyLifetime.CodeFixAsync<AddUsingCodeFixProvider>("""
        using Hackle;

        public static class Program
        {
            public static void Main()
            {
                // The process's one client.
                var client = {|HKA103:HackleClient.Create("sdk-key")|};
                client.Track("start", new HackleUser("u"));
            }
        }
        """, """
        using Hackle;

        public static class Program
        {
            public static void Main()
            {
                // The process's one client.
                using var client = HackleClient.Create("sdk-key");
                client.Track("start", new HackleUser("u"));
            }
        }
        """, TestOptions.Default with { Web = false });

    /// <summary>Issue 13: a local in a switch section gets 'using' inside a block ('using var' is not allowed there directly).</summary>
    [Fact]
    public Task Local_in_a_switch_section_gets_using_in_a_block() => VerifyLifetime.CodeFixAsync<AddUsingCodeFixProvider>("""
        using Hackle;

        public static class Program
        {
            public static void Main(string[] args)
            {
                switch (args.Length)
                {
                    case 1:
                        var client = {|HKA103:HackleClient.Create(args[0])|};
                        client.Track("start", new HackleUser("u"));
                        break;
                }
            }
        }
        """, """
        using Hackle;

        public static class Program
        {
            public static void Main(string[] args)
            {
                switch (args.Length)
                {
                    case 1:
                        {
                            using var client = HackleClient.Create(args[0]);
                            client.Track("start", new HackleUser("u"));
                            break;
                        }
                }
            }
        }
        """, TestOptions.Default with { Web = false });

    [Fact]
    public Task Local_in_async_code_gets_await_using() => VerifyLifetime.CodeFixAsync<AddUsingCodeFixProvider>("""
        using System.Threading.Tasks;
        using Hackle;

        await Task.Yield();
        var client = {|HKA103:HackleClient.Create("sdk-key")|};
        client.Track("start", new HackleUser("u"));
        """, """
        using System.Threading.Tasks;
        using Hackle;

        await Task.Yield();
        await using var client = HackleClient.Create("sdk-key");
        client.Track("start", new HackleUser("u"));
        """);

    [Fact]
    public Task Type_gets_IDisposable_and_a_Dispose_method() => VerifyLifetime.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using Hackle;

        public sealed class FlagService
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");

            public string Decide(string id) => _client.Variation(42, new HackleUser(id));
        }
        """, """
        using System;
        using Hackle;

        public sealed class FlagService : IDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("sdk-key");

            public string Decide(string id) => _client.Variation(42, new HackleUser(id));

            public void Dispose()
            {
                _client.Dispose();
            }
        }
        """);

    [Fact]
    public Task Existing_Dispose_gets_the_dispose_call() => VerifyLifetime.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using System.IO;
        using Hackle;

        public sealed class FlagService : IDisposable
        {
            private IHackleClient? {|HKA104:_client|};
            private readonly MemoryStream _buffer = new();

            public void Start() => _client = HackleClient.Create("sdk-key");

            public void Dispose() => _buffer.Dispose();
        }
        """, """
        using System;
        using System.IO;
        using Hackle;

        public sealed class FlagService : IDisposable
        {
            private IHackleClient? _client;
            private readonly MemoryStream _buffer = new();

            public void Start() => _client = HackleClient.Create("sdk-key");

            public void Dispose()
            {
                _buffer.Dispose();
                _client?.Dispose();
            }
        }
        """);

    /// <summary>Issue 13: with the Dispose(bool) pattern the call goes under 'if (disposing)', not after GC.SuppressFinalize.</summary>
    [Fact]
    public Task Dispose_bool_pattern_gets_the_call_in_the_disposing_branch() => VerifyLifetime.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using Hackle;

        public class FlagService : IDisposable
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");
            private readonly System.IO.MemoryStream _buffer = new();

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _buffer.Dispose();
                }
            }
        }
        """, """
        using System;
        using Hackle;

        public class FlagService : IDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("sdk-key");
            private readonly System.IO.MemoryStream _buffer = new();

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }

            protected virtual void Dispose(bool disposing)
            {
                if (disposing)
                {
                    _buffer.Dispose();
                    _client.Dispose();
                }
            }
        }
        """);

    /// <summary>Issue 13: a BackgroundService is disposable through its base; the fix overrides Dispose().</summary>
    [Fact]
    public Task Background_service_gets_a_Dispose_override() => VerifyLifetime.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.Extensions.Hosting;

        public sealed class FlagWorker : BackgroundService
        {
            private readonly IHackleClient {|HKA104:_client|} = HackleClient.Create("sdk-key");

            protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.Extensions.Hosting;

        public sealed class FlagWorker : BackgroundService
        {
            private readonly IHackleClient _client = HackleClient.Create("sdk-key");

            protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

            public override void Dispose()
            {
                _client.Dispose();
                base.Dispose();
            }
        }
        """);

    [Fact]
    public Task Raw_calls_become_generated_accessors() => VerifyFlags.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                var on = {|HKA106:client.IsFeatureOn(7, user)|};
                var current = {|HKA106:HackleClient.Current.IsFeatureOn(7, user)|};
                var detail = {|HKA106:client.FeatureFlagDetail(7, user)|};
                if ({|HKA106:client.Variation(42, user)|} == "B") { }
                if (({|HKA106:HackleClient.Current.Variation(42, user)|}) != "C") { }
            }
        }
        """, """
        using Hackle;
        using HackleFlags;

        public static class Checkout
        {
            public static void Run(IHackleClient client, HackleUser user)
            {
                var on = Features.NewCheckout.IsOn(client, user);
                var current = Features.NewCheckout.IsOn(user);
                var detail = Features.NewCheckout.Detail(client, user);
                if (Experiments.Checkout.Variation(client, user) == Experiments.Checkout.Variant.B) { }
                if (Experiments.Checkout.Variation(user) != Experiments.Checkout.Variant.C) { }
            }
        }
        """, Manifests.WithManifest, fixAllIterations: 2);

    [Fact]
    public Task Variation_used_as_a_string_is_left_alone() => VerifyFlags.CodeFixAsync<UseGeneratedAccessorCodeFixProvider>("""
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user) => {|HKA106:client.Variation(42, user)|} + {|HKA106:client.Variation(42, user, "A")|};
        }
        """, """
        using Hackle;

        public static class Checkout
        {
            public static string Run(IHackleClient client, HackleUser user) => {|HKA106:client.Variation(42, user)|} + {|HKA106:client.Variation(42, user, "A")|};
        }
        """, Manifests.WithManifest);
}
