using Hackle.Extensions.Hosting;
using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>services.AddHackle() in a generic host: binding, validation, readiness at start, flush at stop.</summary>
public sealed class HostingTests
{
    private static HostApplicationBuilder Builder(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static Dictionary<string, string?> Settings(FakeHackleServer server, string key) => new()
    {
        ["Hackle:SdkKey"] = key,
        ["Hackle:SdkUrl"] = server.Url.ToString(),
        ["Hackle:EventUrl"] = server.Url.ToString(),
        ["Hackle:PollingInterval"] = "00:00:00.200",
        ["Hackle:EventFlushInterval"] = "01:00:00",
    };

    [Fact]
    public async Task The_host_waits_for_the_config_at_start_and_flushes_events_at_stop()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var builder = Builder(Settings(server, TestClients.NewKey()));
        builder.Services.AddHackle();
        using var host = builder.Build();

        await Eventually.WithinAsync(host.StartAsync());
        var client = host.Services.GetRequiredService<IHackleClient>();
        Assert.True(client.IsReady, "start returned once the first config was in");
        Assert.Same(host.Services.GetRequiredService<HackleClient>(), client);
        var options = host.Services.GetRequiredService<IOptions<HackleOptions>>().Value;
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.PollingInterval);
        Assert.Equal(TimeSpan.FromHours(1), options.EventFlushInterval);

        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
        client.Track(new HackleEvent("purchase"), TestClients.User());
        Assert.Empty(server.EventRequests);
        await Eventually.WithinAsync(host.StopAsync());

        Assert.Equal(2, server.AcceptedInsertIds.Count);
        Assert.Equal(2, ((HackleClient)client).EventStats.Sent);
    }

    [Fact]
    public async Task A_TimeProvider_registered_in_the_container_is_the_clients_clock()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var clock = new TestClock();
        var builder = Builder(Settings(server, TestClients.NewKey()));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddHackle();
        using var host = builder.Build();

        await Eventually.WithinAsync(host.StartAsync());
        // The next poll waits on the registered clock: a timer of the 200 ms interval ±10 % jitter is set on it.
        await Eventually.HoldsAsync(() => clock.Timers.Any(t => t.Pending && t.DueTime >= TimeSpan.FromMilliseconds(180) && t.DueTime <= TimeSpan.FromMilliseconds(220)), "a poll timer on the registered clock");
        var polls = server.ConfigRequests.Count;
        clock.Advance(TimeSpan.FromMilliseconds(220));
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count > polls, "a poll once the clock passed the interval");
        await Eventually.WithinAsync(host.StopAsync());
    }

    [Theory]
    [InlineData("Hackle:Offline", "true", "Hackle:SdkKey is required")]
    [InlineData("Hackle:EventBatchSize", "0", "Hackle:EventBatchSize must be between")]
    [InlineData("Hackle:SdkUrl", "ftp://example.invalid/", "Hackle:SdkUrl must be an absolute http or https URL")]
    public async Task Invalid_options_fail_startup_naming_the_setting(string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?> { [setting] = value };
        if (setting != "Hackle:Offline") settings["Hackle:SdkKey"] = TestClients.NewKey();
        var builder = Builder(settings);
        builder.Services.AddHackle();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Eventually.WithinAsync(host.StartAsync()));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task A_delegate_configures_the_client_without_a_configuration_section()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var key = TestClients.NewKey();
        var builder = Builder(new Dictionary<string, string?>());
        builder.Services.AddHackle(o =>
        {
            o.SdkKey = key;
            o.SdkUrl = server.Url;
            o.EventUrl = server.Url;
        });
        using var host = builder.Build();

        await Eventually.WithinAsync(host.StartAsync());
        Assert.True(host.Services.GetRequiredService<IHackleClient>().IsReady);
        await Eventually.WithinAsync(host.StopAsync());
        Assert.All(server.ConfigRequests, r => Assert.Equal(key, r.Headers["X-HACKLE-SDK-KEY"]));
    }

    [Fact]
    public async Task A_relative_bootstrap_file_is_found_in_the_content_root_then_beside_the_app()
    {
        // The package copies hackle.flags.json beside the app; `dotnet run` starts in the content root.
        var name = "hosting-bootstrap-" + Guid.NewGuid().ToString("N") + ".json";
        var besideApp = Path.Combine(AppContext.BaseDirectory, name);
        var contentRoot = Directory.CreateTempSubdirectory("hackle-content-").FullName;
        File.WriteAllText(besideApp, Configs.Flag(on: true));
        try
        {
            Assert.True(await IsOnAsync(contentRoot), "found beside the app");
            File.WriteAllText(Path.Combine(contentRoot, name), Configs.Flag(on: false));
            Assert.False(await IsOnAsync(contentRoot), "the content root wins");
        }
        finally
        {
            File.Delete(besideApp);
            Directory.Delete(contentRoot, recursive: true);
        }

        async Task<bool> IsOnAsync(string root)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hackle:SdkKey"] = TestClients.NewKey(),
                ["Hackle:Offline"] = "true",
                ["Hackle:ConfigFilePath"] = name,
            });
            builder.Services.AddHackle();
            using var host = builder.Build();
            await Eventually.WithinAsync(host.StartAsync());
            var decision = host.Services.GetRequiredService<IHackleClient>().FeatureFlagDetail(Configs.FlagKey, TestClients.User());
            await Eventually.WithinAsync(host.StopAsync());
            Assert.NotEqual(DecisionReason.SdkNotReady, decision.Reason);
            return decision.IsOn;
        }
    }

    [Fact]
    public async Task A_client_handed_to_AddHackle_is_owned_and_closed_by_the_host()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var client = HackleClient.Create(TestClients.NewKey(), new HackleClientOptions
        {
            SdkUrl = server.Url,
            EventUrl = server.Url,
            EventFlushInterval = TimeSpan.FromHours(1),
        });
        var builder = Builder(new Dictionary<string, string?>());
        builder.Services.AddHackle(client);
        using var host = builder.Build();

        await Eventually.WithinAsync(host.StartAsync());
        Assert.Same(client, host.Services.GetRequiredService<IHackleClient>());
        Assert.True(client.IsReady, "start waited for the first config");
        client.Track(new HackleEvent("purchase"), TestClients.User());
        await Eventually.WithinAsync(host.StopAsync());

        Assert.Single(server.AcceptedInsertIds);
        Assert.Equal(1, client.EventStats.Sent);
    }

    [Fact]
    public async Task An_explicit_section_is_bound_and_named_in_errors()
    {
        var builder = Builder(new Dictionary<string, string?> { ["Features:Hackle:Offline"] = "true" });
        builder.Services.AddHackle(builder.Configuration.GetSection("Features:Hackle"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Eventually.WithinAsync(host.StartAsync()));
        Assert.Contains("Features:Hackle:SdkKey is required", error.Message);
    }

    [Fact]
    public async Task Startup_wait_is_bounded_when_the_server_is_down()
    {
        var port = await FakeHackleServer.FreePortAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Hackle:SdkKey"] = TestClients.NewKey(),
            ["Hackle:SdkUrl"] = $"http://127.0.0.1:{port}/",
            ["Hackle:EventUrl"] = $"http://127.0.0.1:{port}/",
            ["Hackle:ReadyTimeout"] = "00:00:00.300",
            ["Hackle:RetryMinDelay"] = "00:00:00.050",
        };
        var logs = new LogCapture();
        var builder = Builder(settings);
        builder.Logging.AddProvider(logs);
        builder.Services.AddHackle();
        using var host = builder.Build();

        await Eventually.WithinAsync(host.StartAsync(), TimeSpan.FromSeconds(5), "host start");
        Assert.False(host.Services.GetRequiredService<IHackleClient>().IsReady);
        Assert.Equal(1, logs.Count(2002));
        await Eventually.WithinAsync(host.StopAsync());
    }
}
