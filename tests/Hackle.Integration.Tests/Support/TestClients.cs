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

    public static HackleUser User(int n = 0) => new("user-" + n);
}
