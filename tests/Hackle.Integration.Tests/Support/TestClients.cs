namespace Hackle.Integration.Tests.Support;

/// <summary>Client options with intervals short enough for tests, pointed at a fake server.</summary>
public static class TestClients
{
    public static string NewKey() => "it-" + Guid.NewGuid().ToString("N");

    public static HackleClientOptions Options(Uri server, LogCapture? logs = null) => new()
    {
        SdkUrl = server,
        EventUrl = server,
        PollingInterval = TimeSpan.FromMilliseconds(100),
        RequestTimeout = TimeSpan.FromSeconds(3),
        RetryMinDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(400),
        ReadyTimeout = TimeSpan.FromSeconds(10),
        EventFlushInterval = TimeSpan.FromMilliseconds(100),
        CloseTimeout = TimeSpan.FromSeconds(5),
        LoggerFactory = logs?.Factory,
    };

    /// <summary>
    /// Options whose schedule runs on <paramref name="clock"/>: retries back off 1 s → 8 s (the documented
    /// doubling, on a small scale), and the other waits are far apart from those and from each other (poll
    /// 1 h ±10 %, request timeout 10 min, flush tick 3 h), so a test tells them apart by their length and
    /// none of them falls due unless the test moves the clock there.
    /// </summary>
    public static HackleClientOptions Timed(Uri server, TestClock clock, LogCapture? logs = null)
    {
        var options = Options(server, logs);
        options.TimeProvider = clock;
        options.PollingInterval = TimeSpan.FromHours(1);
        options.RequestTimeout = TimeSpan.FromMinutes(10);
        options.RetryMinDelay = TimeSpan.FromSeconds(1);
        options.RetryMaxDelay = TimeSpan.FromSeconds(8);
        options.EventFlushInterval = TimeSpan.FromHours(3);
        return options;
    }

    /// <summary>The waits of <see cref="Timed"/> options that are retry backoffs (1 s to 8 s).</summary>
    public static bool IsRetryWait(TimeSpan wait) => wait >= TimeSpan.FromSeconds(1) && wait <= TimeSpan.FromSeconds(8);

        public static HackleUser User(int n = 0) => new("user-" + n);
}
