using Hackle.CodeFixes;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HKA104 for clients a type keeps indirectly: an instance Lazy&lt;IHackleClient&gt; and an instance dictionary
/// of per-tenant clients (issue 13), and the fix that disposes what they hold.
/// </summary>
public class ClientHolderTests
{
    [Fact]
    public Task Instance_lazy_field_never_disposed_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;

        public sealed class FlagService
        {
            private readonly Lazy<IHackleClient> {|#0:_client|} = new(() => HackleClient.Create("sdk-key"));

            public bool NewCheckout(string id) => _client.Value.IsFeatureOn(7, new HackleUser(id));
        }
        """, VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("FlagService", "_client", "does not implement IDisposable"));

    [Fact]
    public Task Instance_dictionary_of_tenant_clients_never_disposed_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using Hackle;

        public sealed class TenantFlags : IDisposable
        {
            private readonly ConcurrentDictionary<string, IHackleClient> {|#0:_clients|} = new();
            private readonly Dictionary<string, HackleClient> {|#1:_byIndexer|} = new();
            private readonly System.IO.MemoryStream _other = new();

            public IHackleClient For(string tenant) => _clients.GetOrAdd(tenant, key => HackleClient.Create(key));

            public void Add(string tenant) => _byIndexer[tenant] = HackleClient.Create(tenant);

            public void Dispose() => _other.Dispose();
        }
        """,
        VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("TenantFlags", "_clients", "never disposes it"),
        VerifyCS.Diagnostic("HKA104").WithLocation(1).WithArguments("TenantFlags", "_byIndexer", "never disposes it"));

    [Fact]
    public Task Dictionary_of_a_controller_is_per_request() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using Hackle;
        using Microsoft.AspNetCore.Mvc;

        public class CheckoutController : ControllerBase
        {
            private readonly ConcurrentDictionary<string, IHackleClient> _clients = new();

            public IActionResult Get(string tenant) => Ok(_clients.GetOrAdd(tenant, key => {|#0:HackleClient.Create(key)|}).IsFeatureOn(7, new HackleUser("u")));
        }
        """, VerifyCS.Diagnostic("HKA101").WithLocation(0).WithArguments("in an MVC controller"));

    [Fact]
    public Task Holders_that_are_disposed_handed_on_static_or_injected_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Linq;
        using Hackle;

        public sealed class LazyDisposed : IDisposable
        {
            private readonly Lazy<IHackleClient> _client = new(() => HackleClient.Create("sdk-key"));
            public void Dispose()
            {
                if (_client.IsValueCreated) _client.Value.Dispose();
            }
        }

        public sealed class DictionaryDisposed : IDisposable
        {
            private readonly ConcurrentDictionary<string, IHackleClient> _clients = new();
            public IHackleClient For(string tenant) => _clients.GetOrAdd(tenant, key => HackleClient.Create(key));
            public void Dispose()
            {
                foreach (var client in _clients.Values) client.Dispose();
            }
        }

        public sealed class PairsDisposed : IDisposable
        {
            private readonly Dictionary<string, IHackleClient> _clients = new();
            public void Add(string tenant) => _clients[tenant] = HackleClient.Create(tenant);
            public void Dispose() => _clients.Values.ToList().ForEach(c => c.Dispose());
        }

        public sealed class HandedOn
        {
            private readonly Dictionary<string, IHackleClient> _clients = new();
            public HandedOn(Action<Dictionary<string, IHackleClient>> owner)
            {
                _clients["a"] = HackleClient.Create("a");
                owner(_clients);
            }
        }

        public sealed class StaticHolders
        {
            private static readonly Lazy<IHackleClient> s_client = new(() => HackleClient.Create("sdk-key"));
            private static readonly ConcurrentDictionary<string, IHackleClient> s_clients = new();
            public IHackleClient For(string tenant) => s_clients.GetOrAdd(tenant, key => HackleClient.Create(key));
        }

        public sealed class Injected
        {
            private readonly Lazy<IHackleClient> _client;
            public Injected(Func<IHackleClient> factory) => _client = new Lazy<IHackleClient>(factory);
        }
        """);

    [Fact]
    public Task Lazy_field_fix_disposes_the_value_once_created() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using Hackle;

        public sealed class FlagService
        {
            private readonly Lazy<IHackleClient> {|HKA104:_client|} = new(() => HackleClient.Create("sdk-key"));

            public bool NewCheckout(string id) => _client.Value.IsFeatureOn(7, new HackleUser(id));
        }
        """, """
        using System;
        using Hackle;

        public sealed class FlagService : IDisposable
        {
            private readonly Lazy<IHackleClient> _client = new(() => HackleClient.Create("sdk-key"));

            public bool NewCheckout(string id) => _client.Value.IsFeatureOn(7, new HackleUser(id));

            public void Dispose()
            {
                if (_client.IsValueCreated) _client.Value.Dispose();
            }
        }
        """);

    [Fact]
    public Task Dictionary_fix_disposes_every_client_in_the_existing_Dispose() => VerifyCS.CodeFixAsync<DisposeFieldCodeFixProvider>("""
        using System;
        using System.Collections.Concurrent;
        using Hackle;

        public sealed class TenantFlags : IDisposable
        {
            private readonly ConcurrentDictionary<string, IHackleClient> {|HKA104:_clients|} = new();

            public IHackleClient For(string tenant) => _clients.GetOrAdd(tenant, client => HackleClient.Create(client));

            public void Dispose()
            {
            }
        }
        """, """
        using System;
        using System.Collections.Concurrent;
        using Hackle;

        public sealed class TenantFlags : IDisposable
        {
            private readonly ConcurrentDictionary<string, IHackleClient> _clients = new();

            public IHackleClient For(string tenant) => _clients.GetOrAdd(tenant, client => HackleClient.Create(client));

            public void Dispose()
            {
                foreach (var heldClient in _clients.Values) heldClient.Dispose();
            }
        }
        """);
}
