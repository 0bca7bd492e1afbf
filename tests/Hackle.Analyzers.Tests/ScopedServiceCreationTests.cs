using Hackle.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Lifetime.ClientLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HKA101 for scoped and transient services that create and dispose their own client: HackleClient.Create
/// returns the shared client of the key, so each scope's Dispose closes it for everyone (issue 13).
/// </summary>
public class ScopedServiceCreationTests
{
    private const string Scoped = "and disposed in a scoped service (once per scope, closing the shared client)";
    private const string Transient = "and disposed in a transient service (once per resolution, closing the shared client)";

    private static DiagnosticResult PerScope(int location, string where) =>
        VerifyCS.Diagnostic("HKA101").WithLocation(location).WithArguments(where);

    private const string CheckoutFlags = """
        using System;
        using Hackle;

        public sealed class CheckoutFlags : IDisposable
        {
            private readonly IHackleClient _client = {|#0:HackleClient.Create("sdk-key")|};

            public bool NewCheckout(string userId) => _client.IsFeatureOn(7, new HackleUser(userId));

            public void Dispose() => _client.Dispose();
        }
        """;

    [Theory]
    [InlineData("services.AddScoped<CheckoutFlags>();")]
    [InlineData("services.TryAddScoped<CheckoutFlags>();")]
    [InlineData("services.AddKeyedScoped<CheckoutFlags>(\"checkout\");")]
    [InlineData("services.AddScoped(typeof(CheckoutFlags));")]
    [InlineData("services.AddScoped(sp => new CheckoutFlags());")]
    [InlineData("services.Add(new ServiceDescriptor(typeof(CheckoutFlags), typeof(CheckoutFlags), ServiceLifetime.Scoped));")]
    [InlineData("services.TryAdd(ServiceDescriptor.Scoped<CheckoutFlags, CheckoutFlags>());")]
    [InlineData("services.Add(ServiceDescriptor.Describe(typeof(CheckoutFlags), typeof(CheckoutFlags), ServiceLifetime.Scoped));")]
    public Task Scoped_registration_of_a_class_that_creates_and_disposes_its_client_is_reported(string registration) =>
        ScopedAsync(registration, Scoped);

    [Fact]
    public Task Transient_registration_is_reported() => ScopedAsync("services.AddTransient<CheckoutFlags>();", Transient);

    [Theory]
    [InlineData("services.AddSingleton<CheckoutFlags>();")]
    [InlineData("services.Add(new ServiceDescriptor(typeof(CheckoutFlags), typeof(CheckoutFlags), ServiceLifetime.Singleton));")]
    [InlineData("services.AddHostedService<Worker>();")]
    public Task Singleton_or_unregistered_is_not_reported(string registration) => ScopedAsync(registration, expectedWhere: null);

    private static Task ScopedAsync(string registration, string? expectedWhere) => VerifyCS.AnalyzerAsync($$"""
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;
        using Microsoft.Extensions.Hosting;

        public sealed class Worker : BackgroundService
        {
            protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
        }

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {{registration}}
            }
        }
        """, TestOptions.Default with { ExtraSources = new[] { ("/0/CheckoutFlags.cs", CheckoutFlags) } },
        expectedWhere is null ? Array.Empty<DiagnosticResult>() : new[] { PerScope(0, expectedWhere) });

    [Fact]
    public Task User_helper_called_with_a_constant_scoped_lifetime_counts_as_scoped() => VerifyCS.AnalyzerAsync("""
        using System;
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Registrations
        {
            public static IServiceCollection AddFlags<T>(this IServiceCollection services, ServiceLifetime lifetime) where T : class
            {
                services.Add(new ServiceDescriptor(typeof(T), typeof(T), lifetime));
                return services;
            }

            public static void Configure(IServiceCollection services) => services.AddFlags<CheckoutFlags>(ServiceLifetime.Scoped);
        }

        public sealed class CheckoutFlags
        {
            public bool NewCheckout(string userId)
            {
                using var client = {|#0:HackleClient.Create("sdk-key")|};
                return client.IsFeatureOn(7, new HackleUser(userId));
            }
        }
        """, PerScope(0, Scoped));

    // Disposing the field would close the key's shared client once per scope (HKA101 at the next build), so a
    // scoped or transient service that keeps its client undisposed gets no HKA104; registered in another file too.
    [Theory]
    [InlineData("services.AddScoped<CheckoutFlags>();", false)]
    [InlineData("services.AddTransient<Shop.CheckoutFlags>();", false)]
    [InlineData("services.Add(new ServiceDescriptor(typeof(CheckoutFlags), typeof(CheckoutFlags), ServiceLifetime.Scoped));", false)]
    [InlineData("services.AddScoped(sp => new CheckoutFlags());", false)]
    [InlineData("services.AddSingleton<CheckoutFlags>();", true)]
    [InlineData("services.AddScoped<OtherFlags>();", true)]
    public Task Class_that_creates_without_disposing_gets_HKA104_only_when_not_a_per_scope_service(string registration, bool reported) =>
        VerifyCS.AnalyzerAsync($$"""
        using Microsoft.Extensions.DependencyInjection;
        using Shop;

        public sealed class OtherFlags { }

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                {{registration}}
            }
        }
        """, TestOptions.Default with { ExtraSources = new[] { ("/0/CheckoutFlags.cs", """
            using Hackle;

            namespace Shop;

            public sealed class CheckoutFlags
            {
                private readonly IHackleClient {|#0:_client|} = HackleClient.Create("sdk-key");

                public bool NewCheckout(string userId) => _client.IsFeatureOn(7, new HackleUser(userId));
            }
            """) } },
        reported
            ? new[] { VerifyCS.Diagnostic("HKA104").WithLocation(0).WithArguments("CheckoutFlags", "_client", "does not implement IDisposable") }
            : Array.Empty<DiagnosticResult>());

    [Fact]
    public Task Scoped_factory_that_reads_a_statically_cached_client_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class TenantFlags : IDisposable
        {
            private static readonly ConcurrentDictionary<string, HackleClient> s_clients = new();
            private static readonly ConcurrentDictionary<string, IHackleClient> s_lambdaClients = new();
            private static readonly Func<string, HackleClient> s_create = key => HackleClient.Create(key);
            private readonly IHackleClient _client;
            private readonly IHackleClient _other;

            public TenantFlags(string tenant)
            {
                _client = s_clients.GetOrAdd(tenant, s_create);
                _other = s_lambdaClients.GetOrAdd(tenant, key => HackleClient.Create(key));
            }

            public bool NewCheckout(string userId) => _client.IsFeatureOn(7, new HackleUser(userId)) && _other.IsFeatureOn(8, new HackleUser(userId));

            public void Dispose() { }

            public static void Configure(IServiceCollection services) =>
                services.AddScoped(sp => new TenantFlags("tenant"));
        }
        """);

    [Fact]
    public Task Static_helper_of_a_scoped_class_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class CheckoutFlags
        {
            public static bool Probe(string userId)
            {
                using var client = HackleClient.Create("sdk-key");
                return client.IsFeatureOn(7, new HackleUser(userId));
            }

            public static void Configure(IServiceCollection services) => services.AddScoped<CheckoutFlags>();
        }
        """);
}
