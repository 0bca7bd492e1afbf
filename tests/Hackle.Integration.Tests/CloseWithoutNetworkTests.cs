using System.Net;
using System.Net.Sockets;
using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// Close against an event server that is not there (a loopback port nobody listens on, so connections are
/// refused): it gives up after one attempt instead of retrying for seconds, and its counts are final.
/// </summary>
public sealed class CloseWithoutNetworkTests
{
    /// <summary>A loopback URL whose connections are refused: a port that was bound and released.</summary>
    private static Uri RefusingUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri("http://127.0.0.1:" + port);
    }

    /// <summary>
    /// Retries that would take about 15 s (1 + 2 + 4 + 8) if close waited them out; close itself may take 10 minutes.
    /// On a <paramref name="clock"/> that the test leaves standing, a backoff never ends by itself: a close that
    /// waited one out would hang (and fail the test's bound) instead of merely taking a few seconds.
    /// </summary>
    private static HackleClientOptions Options(Uri url, LogCapture logs, TimeSpan flushInterval, TimeProvider? clock = null) => new()
    {
        TimeProvider = clock,
        SdkUrl = url,
        EventUrl = url,
        LoggerFactory = logs.Factory,
        Workspace = HackleWorkspace.Parse(Configs.Flag(on: true)),
        PollingInterval = TimeSpan.FromHours(1),
        EventFlushInterval = flushInterval,
        EventMaxRetries = 4,
        RetryMinDelay = TimeSpan.FromSeconds(1),
        RetryMaxDelay = TimeSpan.FromSeconds(8),
        CloseTimeout = TimeSpan.FromMinutes(10),
    };

    private static void Track(HackleClient client, int count)
    {
        for (var i = 0; i < count; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));
    }

    [Fact]
    public async Task Events_first_sent_at_close_are_given_up_after_one_refused_attempt()
    {
        var logs = new LogCapture();
        // Not disposed again at the end of the test: a close that hangs must fail the test, not hang the run.
        var client = HackleClient.Create(TestClients.NewKey(), Options(RefusingUrl(), logs, TimeSpan.FromHours(1), new TestClock()));
        Track(client, 5);

        await Eventually.WithinAsync(client.DisposeAsync().AsTask(), what: "close against a refusing server");
        var stats = client.EventStats;
        Assert.Equal((5L, 0L, 5L, 0L, 0L), (stats.Received, stats.Sent, stats.DroppedOnClose, stats.DroppedRetriesExhausted, stats.Pending));
        var abandoned = Assert.Single(logs.Entries, e => e.EventId.Id == 1018);
        Assert.Contains("5 events", abandoned.Message);
        Assert.Contains("attempts: 1.", abandoned.Message);
        Assert.Equal(0, logs.Count(1013));
    }

    [Fact]
    public async Task A_batch_waiting_out_a_backoff_is_tried_once_more_at_close_then_given_up()
    {
        var logs = new LogCapture();
        var clock = new TestClock();
        var client = HackleClient.Create(TestClients.NewKey(), Options(RefusingUrl(), logs, TimeSpan.FromSeconds(30), clock));
        Track(client, 3);
        // The flush tick sends the batch; it is refused and waits a second or more (on a clock that stands still) before its retry.
        await clock.WaitForAsync(wait => wait == TimeSpan.FromSeconds(30), 1, "the flush tick");
        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => logs.Count(1013) == 1, "the first refused attempt schedules a retry");

        await Eventually.WithinAsync(Task.Run(client.Close), what: "close with a batch waiting out its backoff");
        var stats = client.EventStats;
        Assert.Equal((3L, 0L, 3L, 0L), (stats.Received, stats.Sent, stats.DroppedOnClose, stats.Pending));
        Assert.Contains("attempts: 2.", Assert.Single(logs.Entries, e => e.EventId.Id == 1018).Message);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(stats, client.EventStats);
    }

    [Fact]
    public async Task Without_close_a_refused_batch_is_still_retried()
    {
        var logs = new LogCapture();
        var options = Options(RefusingUrl(), logs, TimeSpan.FromMilliseconds(50));
        options.RetryMinDelay = TimeSpan.FromMilliseconds(20);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(40);
        options.EventMaxRetries = 2;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Track(client, 4);

        await Eventually.HoldsAsync(() => client.EventStats.DroppedRetriesExhausted == 4, "the batch is dropped after its retries");
        Assert.Equal(2, logs.Count(1013));
        Assert.Equal(0, logs.Count(1018));
    }
}
