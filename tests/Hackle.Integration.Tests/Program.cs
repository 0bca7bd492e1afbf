using Hackle.Integration.Tests.Support;

namespace Hackle.Integration.Tests;

/// <summary>
/// The test assembly's entry point. The test runner does not use it; the process-exit tests run this
/// assembly as a child process that tracks events and exits without closing its client.
/// </summary>
public static class Program
{
    public const string ExitWithoutClose = "exit-without-close";

    /// <summary>As <see cref="ExitWithoutClose"/>, against an event server that never answers, with the documented default bound.</summary>
    public const string ExitWithoutCloseServerHangs = "exit-without-close-server-hangs";

    /// <summary>What the hanging-server child prints on stdout just before Main returns.</summary>
    public const string ExitingLine = "exiting";

    /// <summary>The prefix of the line the hanging-server child prints after the SDK's exit hook has run.</summary>
    public const string StatsLinePrefix = "stats after exit hook: ";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || (args[0] != ExitWithoutClose && args[0] != ExitWithoutCloseServerHangs))
        {
            await Console.Error.WriteLineAsync("This assembly holds tests: run it with dotnet test.");
            return 2;
        }
        return args[0] == ExitWithoutClose
            ? await ExitWithoutCloseAsync(new Uri(args[1]), args[2])
            : await ExitWhileTheServerHangsAsync(new Uri(args[1]), args[2]);
    }

    private static async Task<int> ExitWithoutCloseAsync(Uri server, string sdkKey)
    {
        var options = TestClients.Options(server);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        options.ProcessExitTimeout = TimeSpan.FromSeconds(5);
        var client = HackleClient.Create(sdkKey, options);
        if (!await client.WaitUntilReadyAsync()) return 3;
        for (var i = 0; i < 5; i++) client.Track(new HackleEvent("purchase") { Properties = { ["n"] = i } }, TestClients.User(i));
        // No Close, no Dispose: the process-exit hook must send the five events.
        return 0;
    }

    private static async Task<int> ExitWhileTheServerHangsAsync(Uri server, string sdkKey)
    {
        var options = TestClients.Options(server);
        options.EventFlushInterval = TimeSpan.FromHours(1);
        // Far beyond the exit bound: only the bound can end the hanging requests.
        options.RequestTimeout = TimeSpan.FromMinutes(2);
        options.CloseTimeout = TimeSpan.FromMinutes(2);
        // ProcessExitTimeout is left at its documented default; warnings go to stderr (the default without a LoggerFactory).
        var client = HackleClient.Create(sdkKey, options);
        if (!await client.WaitUntilReadyAsync()) return 3;
        for (var i = 0; i < 5; i++) client.Track(new HackleEvent("purchase") { Properties = { ["n"] = i } }, TestClients.User(i));
        // Exit handlers run in the order they were added, so this one runs after the client's hook has closed it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.WriteLine(StatsLinePrefix + client.EventStats);
        Console.WriteLine(ExitingLine);
        Console.Out.Flush();
        return 0;
    }
}
