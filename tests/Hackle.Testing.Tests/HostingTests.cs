using Hackle.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TestClientTests;

/// <summary>AddHackleTestClient replaces the registered client and its hosted service in a real generic host.</summary>
public class HostingTests
{
    [Fact]
    public async Task TheTestClientReplacesTheRealClientAndNoRealClientIsCreated()
    {
        var builder = Host.CreateApplicationBuilder();
        // Invalid on purpose: with the real client the host would refuse to start ("Hackle:SdkKey is required").
        builder.Services.AddHackle(o => o.Offline = false);
        builder.Services.AddHackleTestClient(test => Experiments.Checkout.Force(test, Experiments.Checkout.Variant.B));
        using var host = builder.Build();
        await host.StartAsync();

        var client = host.Services.GetRequiredService<IHackleClient>();
        var test = Assert.IsType<HackleTestClient>(client);
        Assert.Same(test, host.Services.GetRequiredService<HackleTestClient>());
        Assert.Null(host.Services.GetService<HackleClient>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Name == "HackleHostedService");
        Assert.Equal(Experiments.Checkout.Variant.B, Experiments.Checkout.Variation(client, new HackleUser("user-1")));

        await host.StopAsync();
        Assert.Single(test.Exposures);
    }

    [Fact]
    public void AGivenTestClientIsRegisteredAsItIs()
    {
        var test = new HackleTestClient();
        var services = new ServiceCollection().AddHackle(o => o.Offline = true).AddHackleTestClient(test);
        using var provider = services.BuildServiceProvider();
        Assert.Same(test, provider.GetRequiredService<IHackleClient>());
        Assert.Throws<ArgumentNullException>(() => services.AddHackleTestClient((HackleTestClient)null!));
    }
}
