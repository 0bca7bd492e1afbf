using Hackle.Integration.Tests.Support;

namespace Hackle.Integration.Tests;

/// <summary>
/// The test assembly's entry point. The test runner does not use it; the process-exit test runs this
/// assembly as a child process that tracks events and exits without closing its client.
/// </summary>
public static class Program
{
    public const string ExitWithoutClose = "exit-without-close";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3 || args[0] != ExitWithoutClose)
        {
            await Console.Error.WriteLineAsync("This assembly holds tests: run it with dotnet test.");
            return 2;
        }
        var options = TestClients.Options(new Uri(args[1]));
        options.EventFlushInterval = TimeSpan.FromHours(1);
        options.ProcessExitTimeout = TimeSpan.FromSeconds(5);
        var client = HackleClient.Create(args[2], options);
        if (!await client.WaitUntilReadyAsync()) return 3;
        for (var i = 0; i < 5; i++) client.Track(new HackleEvent("purchase") { Properties = { ["n"] = i } }, TestClients.User(i));
        // No Close, no Dispose: the process-exit hook must send the five events.
        return 0;
    }
}
