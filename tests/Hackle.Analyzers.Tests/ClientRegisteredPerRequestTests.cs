using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Registration.ServiceLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>HKA102: the client registered with a scoped or transient lifetime.</summary>
public class ClientRegisteredPerRequestTests
{
    [Fact]
    public Task Scoped_and_transient_registrations_of_the_client_are_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public sealed class Consumer { public Consumer(IHackleClient client) { } }

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|#0:AddScoped|}<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                services.{|#1:AddTransient|}(typeof(IHackleClient), _ => HackleClient.Create("sdk-key"));
                services.{|#2:TryAddScoped|}<IHackleClient>(_ => HackleClient.Current);
                services.{|#3:AddKeyedTransient|}<IHackleClient>("tenant", (_, _) => HackleClient.Create("tenant-key"));
                services.{|#4:AddScoped|}(_ => new Consumer(HackleClient.Create("sdk-key")));
                services.Add(ServiceDescriptor.{|#5:Transient|}<IHackleClient>(_ => HackleClient.Create("sdk-key")));
                services.Add(new ServiceDescriptor(typeof(IHackleClient), _ => HackleClient.Create("sdk-key"), {|#6:ServiceLifetime.Scoped|}));
                services.Add(ServiceDescriptor.Describe(typeof(IHackleClient), _ => HackleClient.Create("k"), {|#7:ServiceLifetime.Transient|}));
            }
        }
        """,
        VerifyCS.Diagnostic("HKA102").WithLocation(0).WithArguments("AddScoped", "scoped"),
        VerifyCS.Diagnostic("HKA102").WithLocation(1).WithArguments("AddTransient", "transient"),
        VerifyCS.Diagnostic("HKA102").WithLocation(2).WithArguments("TryAddScoped", "scoped"),
        VerifyCS.Diagnostic("HKA102").WithLocation(3).WithArguments("AddKeyedTransient", "transient"),
        VerifyCS.Diagnostic("HKA102").WithLocation(4).WithArguments("AddScoped", "scoped"),
        VerifyCS.Diagnostic("HKA102").WithLocation(5).WithArguments("Transient", "transient"),
        VerifyCS.Diagnostic("HKA102").WithLocation(6).WithArguments("ServiceDescriptor", "scoped"),
        VerifyCS.Diagnostic("HKA102").WithLocation(7).WithArguments("Describe", "transient"));

    [Fact]
    public Task Singletons_other_services_and_AddHackle_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public sealed class Consumer { public Consumer(IHackleClient client) { } }

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddSingleton<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                services.TryAddSingleton(typeof(IHackleClient), _ => HackleClient.Create("sdk-key"));
                services.AddScoped<Consumer>();
                services.AddTransient(sp => new Consumer(sp.GetRequiredService<IHackleClient>()));
                services.Add(new ServiceDescriptor(typeof(IHackleClient), _ => HackleClient.Create("k"), ServiceLifetime.Singleton));
                services.AddHackle(options => options.SdkKey = "sdk-key");
                services.AddHackle(HackleClient.Create("owned-by-the-host"));
            }
        }
        """);

    /// <summary>Issue 13 item 4 (converse): a scoped service that only reads a statically cached client is fine.</summary>
    [Fact]
    public Task Scoped_wrapper_reading_a_cached_client_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public sealed class TenantFlags
        {
            public TenantFlags(IHackleClient client) => Client = client;
            public IHackleClient Client { get; }
        }

        public static class Startup
        {
            private static readonly ConcurrentDictionary<string, IHackleClient> s_clients = new();

            public static void Configure(IServiceCollection services, string tenant)
            {
                services.AddScoped(_ => new TenantFlags(s_clients.GetOrAdd(tenant, key => HackleClient.Create(key))));
                services.{|#0:AddScoped|}(_ => new TenantFlags(HackleClient.Create(tenant)));
            }
        }
        """, VerifyCS.Diagnostic("HKA102").WithLocation(0).WithArguments("AddScoped", "scoped"));
}
