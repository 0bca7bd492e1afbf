using Hackle.CodeFixes;
using Xunit;
using VerifyCS = Hackle.Analyzers.Tests.Infrastructure.Verify<Hackle.Analyzers.Registration.ServiceLifetimeAnalyzer>;

namespace Hackle.Analyzers.Tests;

/// <summary>
/// HKA102 when the registration's factory also resolves services (issue 13): a singleton could capture a scoped
/// service, so the fix injects the client into the wrapper instead of changing the wrapper's lifetime.
/// </summary>
public class RegistrationResolvesServicesTests
{
    private const string Types = """

        public interface IUserContext { string Id { get; } }

        public sealed class CheckoutFlags(IHackleClient client, IUserContext user)
        {
            public bool NewCheckout => client.IsFeatureOn(7, new HackleUser(user.Id));
        }
        """;

    [Fact]
    public Task Wrapper_factory_that_resolves_services_gets_the_client_injected() => VerifyCS.CodeFixAsync<InjectRegisteredClientCodeFixProvider>("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|HKA102:AddScoped|}(sp => new CheckoutFlags(HackleClient.Create("sdk-key"), sp.GetRequiredService<IUserContext>()));
            }
        }
        """ + Types, """
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.DependencyInjection.Extensions;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.TryAddSingleton<IHackleClient>(_ => HackleClient.Create("sdk-key"));
                services.AddScoped(sp => new CheckoutFlags(sp.GetRequiredService<IHackleClient>(), sp.GetRequiredService<IUserContext>()));
            }
        }
        """ + Types);

    private const string ResolvingFactories = """
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|HKA102:AddScoped|}(sp => new CheckoutFlags(HackleClient.Create("sdk-key"), sp.GetRequiredService<IUserContext>()));
                services.{|HKA102:AddScoped|}<IHackleClient>(sp => HackleClient.Create(sp.GetRequiredService<IUserContext>().Id));
            }
        }
        """ + Types;

    private const string KeyFromResolvedService = """
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|HKA102:AddScoped|}(sp =>
                {
                    var user = sp.GetRequiredService<IUserContext>();
                    return new CheckoutFlags(HackleClient.Create(user.Id), user);
                });
            }
        }
        """ + Types;

    /// <summary>Fixed state equal to the source: no fix is offered (the diagnostics stay).</summary>
    [Fact]
    public Task Singleton_fix_is_not_offered_when_the_factory_resolves_services() =>
        VerifyCS.CodeFixAsync<UseSingletonLifetimeCodeFixProvider>(ResolvingFactories, ResolvingFactories);

    [Fact]
    public Task Injection_is_not_offered_for_the_client_itself_or_when_the_key_depends_on_the_factory() => Task.WhenAll(
        VerifyCS.CodeFixAsync<InjectRegisteredClientCodeFixProvider>(KeyFromResolvedService, KeyFromResolvedService),
        VerifyCS.CodeFixAsync<InjectRegisteredClientCodeFixProvider>(ResolvingFactories.Replace("services.{|HKA102:AddScoped|}(sp => new CheckoutFlags", "services.AddSingleton(sp => new CheckoutFlags"),
            ResolvingFactories.Replace("services.{|HKA102:AddScoped|}(sp => new CheckoutFlags", "services.AddSingleton(sp => new CheckoutFlags")));

    [Fact]
    public Task Factory_that_resolves_nothing_still_gets_the_singleton_fix() => VerifyCS.CodeFixAsync<UseSingletonLifetimeCodeFixProvider>("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.{|HKA102:AddScoped|}(_ => new CheckoutFlags(HackleClient.Create("sdk-key"), new Anonymous()));
            }
        }

        public sealed class Anonymous : IUserContext { public string Id => "anonymous"; }
        """ + Types, """
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddSingleton(_ => new CheckoutFlags(HackleClient.Create("sdk-key"), new Anonymous()));
            }
        }

        public sealed class Anonymous : IUserContext { public string Id => "anonymous"; }
        """ + Types);
}
