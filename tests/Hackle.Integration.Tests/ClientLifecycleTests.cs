using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>Offline use, bootstrap files, readiness and option checks.</summary>
public sealed class ClientLifecycleTests
{
    [Fact]
    public async Task An_offline_client_never_touches_the_network()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: false), Configs.Date(1));
        var file = Configs.WriteTempFile(Configs.Flag(on: true));
        var options = TestClients.Options(server.Url);
        options.ConfigFilePath = file;
        options.Offline = true;
        await using (var client = HackleClient.Create(TestClients.NewKey(), options))
        {
            Assert.True(client.IsReady);
            Assert.True(await client.WaitUntilReadyAsync(TimeSpan.Zero));
            Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
            client.Track(new HackleEvent("purchase"), TestClients.User());
            await client.FlushAsync();
            var discarding = Assert.IsType<DiscardingEventSink>(client.EventSink);
            Assert.Equal(2, discarding.DiscardedCount);
            Assert.Equal(default, client.EventStats);
            // An observation window several polling intervals long: a poller, had one started, would have called.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Assert.Empty(server.ConfigRequests);
        Assert.Empty(server.EventRequests);
        File.Delete(file);
    }

    [Fact]
    public async Task An_offline_client_without_config_is_never_ready()
    {
        var options = new HackleClientOptions { Offline = true };
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.False(await Eventually.WithinAsync(client.WaitUntilReadyAsync(TimeSpan.FromMinutes(1))));
        Assert.Equal(DecisionReason.SdkNotReady, client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).Reason);
    }

    [Fact]
    public async Task A_bootstrap_file_makes_the_client_ready_at_once_and_polling_keeps_it_fresh()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var file = Configs.WriteTempFile(Configs.Flag(on: false));
        var options = TestClients.Options(server.Url);
        options.ConfigFilePath = file;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        Assert.True(client.IsReady);
        await Eventually.HoldsAsync(() => client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn, "the polled config replaces the bootstrap");
        File.Delete(file);
    }

    [Fact]
    public async Task WaitUntilReady_times_out_with_false_and_honours_cancellation()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.ConfigDefault = FakeHackleServer.Hang(TimeSpan.FromMinutes(1));
        var options = TestClients.Options(server.Url);
        options.ReadyTimeout = TimeSpan.FromMilliseconds(200);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        Assert.False(await Eventually.WithinAsync(client.WaitUntilReadyAsync()));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitUntilReadyAsync(TimeSpan.FromMinutes(1), cancelled.Token));
    }

    [Fact]
    public async Task Closing_stops_polling()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url));
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count >= 2, "polling runs");

        await Eventually.WithinAsync(client.DisposeAsync().AsTask());
        var closedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Four polling intervals: a poller still running would have sent requests by then. A request sent
        // before close may still be recorded late, so requests are judged by when the client sent them.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        Assert.All(server.ConfigRequests, r => Assert.True(long.Parse(r.Headers["X-HACKLE-SDK-TIME"], System.Globalization.CultureInfo.InvariantCulture) <= closedAt));
        Assert.True(client.IsReady, "the last config stays usable after close");
    }

    [Fact]
    public void The_defaults_are_those_of_the_server_sdks()
    {
        var options = new HackleClientOptions();
        Assert.Equal(new Uri("https://sdk.hackle.io"), options.SdkUrl);
        Assert.Equal(new Uri("https://event.hackle.io"), options.EventUrl);
        Assert.Equal("dotnet-sdk", options.SdkName);
        Assert.Equal(typeof(HackleClient).Assembly.GetName().Version!.ToString(3), options.SdkVersion);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PollingInterval);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)), (options.RetryMinDelay, options.RetryMaxDelay));
        Assert.Equal(TimeSpan.FromSeconds(5), options.ReadyTimeout);
        Assert.Equal((10_000, 100, 2, 3), (options.EventQueueCapacity, options.EventBatchSize, options.MaxConcurrentEventBatches, options.EventMaxRetries));
        Assert.Equal(TimeSpan.FromSeconds(10), options.EventFlushInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), options.CloseTimeout);
        Assert.False(options.Offline);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(nameof(HackleClientOptions.PollingInterval))]
    [InlineData(nameof(HackleClientOptions.EventBatchSize))]
    [InlineData(nameof(HackleClientOptions.SdkUrl))]
    public void Create_refuses_invalid_options_naming_the_setting(string setting)
    {
        var options = new HackleClientOptions();
        switch (setting)
        {
            case nameof(HackleClientOptions.PollingInterval): options.PollingInterval = TimeSpan.Zero; break;
            case nameof(HackleClientOptions.EventBatchSize): options.EventBatchSize = 0; break;
            default: options.SdkUrl = new Uri("ftp://example.invalid/"); break;
        }
        var error = Assert.Throws<ArgumentException>(() => HackleClient.Create(TestClients.NewKey(), options));
        Assert.Contains(setting, error.Message);
    }
}
