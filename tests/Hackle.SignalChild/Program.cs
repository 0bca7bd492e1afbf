using Hackle;

using System.Runtime.InteropServices;

// Usage: Hackle.SignalChild <server url> <sdk key> <event count> [graceful]
// Creates a client against the server, tracks the events (fewer than a batch, with a one-hour flush
// interval, so nothing is sent on its own), says "tracked" on stdout and waits for a signal. It neither
// closes the client nor handles any signal itself: whatever reaches the server was sent by the SDK's hook.
// With "graceful" it behaves like a host doing a graceful shutdown: it cancels SIGTERM, then tracks as
// many events again, closes the client and exits with 0.
if (args.Length < 3 || args.Length > 4 || !Uri.TryCreate(args[0], UriKind.Absolute, out var server) || !int.TryParse(args[2], out var count)
    || (args.Length == 4 && args[3] != "graceful"))
{
    Console.Error.WriteLine("usage: Hackle.SignalChild <server url> <sdk key> <event count> [graceful]");
    return 2;
}
var graceful = args.Length == 4;
var stopping = new TaskCompletionSource();
using var sigterm = graceful
    ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.TrySetResult(); })
    : null;

var client = HackleClient.Create(args[1], new HackleClientOptions
{
    SdkUrl = server,
    EventUrl = server,
    ReadyTimeout = TimeSpan.FromSeconds(20),
    EventBatchSize = count + 1,
    EventQueueCapacity = count + 1,
    EventFlushInterval = TimeSpan.FromHours(1),
    ProcessExitTimeout = TimeSpan.FromSeconds(10),
});
if (!await client.WaitUntilReadyAsync())
{
    Console.Error.WriteLine("the client did not become ready");
    return 3;
}
for (var i = 0; i < count; i++) client.Track(new HackleEvent("purchase"), new HackleUser("user-" + i));
Console.WriteLine("tracked");
if (!graceful) await Task.Delay(Timeout.Infinite);

await stopping.Task;
for (var i = 0; i < count; i++) client.Track(new HackleEvent("purchase"), new HackleUser("late-" + i));
await client.DisposeAsync();
return 0;
