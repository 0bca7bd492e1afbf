using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA104: a type that creates and keeps a client in an instance member without disposing it.</summary>
public class ClientFieldNotDisposedTests
{
    [Fact]
    public Task Type_that_is_not_disposable_is_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;

        public sealed class FlagService
        {
            private readonly IHackleClient {|#0:_client|};
            public FlagService() => _client = HackleClient.Create("sdk-key");
            public IHackleClient Client => _client;
            public string Decide(string id) => _client.Variation(42, new HackleUser(id));
        }
        """, VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("FlagService", "_client", "does not implement IDisposable"));

    [Fact]
    public Task Disposable_type_that_forgets_the_field_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;

        public sealed class FlagService : IDisposable
        {
            public IHackleClient {|#0:Client|} { get; } = HackleClient.Create("sdk-key");
            private readonly System.IO.MemoryStream _other = new();
            public void Dispose() => _other.Dispose();
        }
        """, VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("FlagService", "Client", "never disposes it"));

    [Fact]
    public Task Types_that_dispose_close_or_hand_on_the_client_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class Disposes : IDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("a");
            public void Dispose() => _client.Dispose();
        }

        public sealed class DisposesAsync : IAsyncDisposable
        {
            private IHackleClient? _client;
            public void Start() => _client = HackleClient.Create("b");
            public ValueTask DisposeAsync() => _client?.DisposeAsync() ?? default;
        }

        public sealed class ClosesThroughHelper : IDisposable
        {
            private readonly IHackleClient _client = HackleClient.Create("c");
            public void Dispose() => Shutdown();
            private void Shutdown() => _client.Close();
        }

        public sealed class HandsOn
        {
            private readonly IHackleClient _client = HackleClient.Create("d");
            public void Register(IServiceCollection services) => services.AddSingleton(_client);
        }

        public sealed class Injected
        {
            private readonly IHackleClient _client;
            public Injected(IHackleClient client) => _client = client;
        }

        public static class StaticHolder
        {
            private static readonly IHackleClient s_client = HackleClient.Create("e");
        }
        """);

    /// <summary>Issue 13 item 6: a field filled from a local after a readiness check is still the type's to dispose.</summary>
    [Fact]
    public Task Field_assigned_from_a_local_after_a_readiness_check_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;

        public sealed class FlagService
        {
            private IHackleClient? {|#0:_client|};

            public void Start(string key)
            {
                var client = HackleClient.Create(key);
                if (!client.IsReady) throw new InvalidOperationException("not ready");
                _client = client;
            }

            public bool IsOn(string id) => _client?.IsFeatureOn(7, new HackleUser(id)) ?? false;
        }

        public sealed class DisposingService : IDisposable
        {
            private IHackleClient? _client;

            public void Start(string key)
            {
                var client = HackleClient.Create(key);
                if (!client.IsReady) throw new InvalidOperationException("not ready");
                _client = client;
            }

            public void Dispose() => _client?.Dispose();
        }
        """, VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("FlagService", "_client", "does not implement IDisposable"));
}
