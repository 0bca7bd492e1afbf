using System.Diagnostics;

namespace Hackle.Benchmarks;

/// <summary>
/// Whole-process measurement of decisions with their exposures delivered (issue 18), timed from inside one
/// process while the event server runs in another, so the process's CPU time is the SDK's alone: the
/// deciding thread plus every background thread (delivery loop, JSON, HTTP, GC).
/// <list type="bullet">
/// <item><c>delivered</c>: N decisions (flag 7 of the repo manifest, one user), each exposure sent to the
/// server; the producer sleeps while the queue is near capacity, so nothing is dropped.</item>
/// <item><c>discarded</c>: the same decisions offline, exposures counted and discarded: the decision alone.</item>
/// <item><c>backlog</c>: N decisions as fast as they come against a server that holds each request 2 s:
/// memory must stay bounded by the queue's budget, the overflow dropped and counted.</item>
/// </list>
/// Prints CPU time per decision over all threads, wall time, allocated bytes per decision, GC pause total,
/// collections and peak working set.
/// </summary>
public static class DeliveryProcess
{
    private const int QueueCapacity = 10_000;
    private const int Key = 7;
    private const int MaxWarmupRounds = 30;
    /// <summary>A warm-up round of 100k decisions that compiles no more methods than this counts as settled.</summary>
    private const int SettledJitMethods = 5;

    /// <summary><c>event-server [answer-delay-ms]</c>: serves until its standard input closes; prints its URL first.</summary>
    public static async Task<int> ServeAsync(int answerDelayMs)
    {
        await using var server = await LoopbackEventServer.StartAsync(TimeSpan.FromMilliseconds(answerDelayMs));
        Console.WriteLine(server.Url);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>
    /// <c>deliver-exposures &lt;delivered|discarded|backlog&gt; &lt;count&gt; [batch size, default the SDK's 100] [settle|nosettle]</c>:
    /// <c>nosettle</c> times right after the fixed 300k warm-up, as the first version of this benchmark did.
    /// </summary>
    public static async Task<int> RunAsync(string mode, long count, int batchSize = 100, bool settleJit = true)
    {
        Process? serverProcess = null;
        try
        {
            HackleClientOptions options;
            if (mode == "discarded")
            {
                options = new HackleClientOptions
                {
                    Offline = true,
                    Workspace = HackleWorkspace.Parse(File.ReadAllText(BenchmarkConfigs.ManifestPath)),
                    EventSink = new DiscardingEventSink(),
                };
            }
            else
            {
                serverProcess = StartServer(mode == "backlog" ? 2000 : 0, out var url);
                options = new HackleClientOptions
                {
                    SdkUrl = url,
                    EventUrl = url,
                    EventQueueCapacity = QueueCapacity,
                    EventBatchSize = batchSize,
                    EventFlushInterval = TimeSpan.FromMilliseconds(100),
                    CloseTimeout = TimeSpan.FromSeconds(1),
                };
            }
            var client = HackleClient.Create("bench-process-" + Guid.NewGuid().ToString("N"), options);
            if (!await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)))
            {
                Console.Error.WriteLine("The client did not get its config.");
                return 1;
            }
            var user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };

            // Warm-up: JIT, connections, pools. Then, unless told not to, more rounds until tiering has settled (a
            // round that compiles next to nothing), so that the window measures the steady state, not the JIT's
            // backlog: on a busy 2-core machine dynamic PGO's recompiles ran on for seconds after 300k decisions.
            var warmupRounds = 0;
            if (mode != "backlog")
            {
                Decide(client, user, 300_000, throttle: mode == "delivered");
                await SettleAsync(client);
                var quietRounds = 0;
                while (settleJit && warmupRounds < MaxWarmupRounds && quietRounds < 2)
                {
                    var before = System.Runtime.JitInfo.GetCompiledMethodCount();
                    await Task.Delay(200);
                    Decide(client, user, 100_000, throttle: mode == "delivered");
                    await SettleAsync(client);
                    warmupRounds++;
                    // Two quiet rounds in a row: tiering comes in bursts (call counting, then a batch of recompiles).
                    quietRounds = System.Runtime.JitInfo.GetCompiledMethodCount() - before <= SettledJitMethods ? quietRounds + 1 : 0;
                }
            }
            await SettleAsync(client);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var pause0 = GC.GetTotalPauseDuration();
            var allocated0 = GC.GetTotalAllocatedBytes(precise: true);
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var stats0 = client.EventStats;
            var jit0 = System.Runtime.JitInfo.GetCompilationTime();
            var jitted0 = System.Runtime.JitInfo.GetCompiledMethodCount();
            var wall = Stopwatch.StartNew();

            Decide(client, user, count, throttle: mode == "delivered");
            if (mode != "backlog") await SettleAsync(client);

            wall.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            var pause = GC.GetTotalPauseDuration() - pause0;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated0;
            var stats = client.EventStats;
            var jit = System.Runtime.JitInfo.GetCompilationTime() - jit0;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted0;
            Console.WriteLine($"mode {mode}, {count:N0} decisions with exposures, batches of {batchSize}, warm-up 300k + {warmupRounds} x 100k, .NET {Environment.Version}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  CPU time, all threads: {cpu.TotalMilliseconds:N0} ms = {cpu.TotalMilliseconds * 1e6 / count:N0} ns per decision");
            Console.WriteLine($"  wall time:             {wall.Elapsed.TotalMilliseconds:N0} ms = {count / wall.Elapsed.TotalSeconds:N0} decisions/s");
            Console.WriteLine($"  allocated:             {allocated / (double)count:N1} B per decision ({allocated / 1048576.0:N1} MB)");
            Console.WriteLine($"  GC pauses:             {pause.TotalMilliseconds:N1} ms total; collections gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}");
            // Tiering (dynamic PGO's instrumented and optimized recompiles) can run on into the timed window: part of
            // the CPU time above, but a one-off cost, not a per-decision one.
            Console.WriteLine($"  JIT in the window:     {jit.TotalMilliseconds:N0} ms compiling {jitted:N0} methods = {jit.TotalMilliseconds * 1e6 / count:N0} ns per decision; CPU without it {(cpu - jit).TotalMilliseconds * 1e6 / count:N0} ns per decision");
            Console.WriteLine($"  peak working set:      {process.PeakWorkingSet64 / 1048576.0:N0} MB (whole run)");
            Console.WriteLine($"  events: received {stats.Received - stats0.Received:N0}, sent {stats.Sent - stats0.Sent:N0}, dropped {stats.Dropped - stats0.Dropped:N0} (queue full {stats.DroppedQueueFull - stats0.DroppedQueueFull:N0}), pending {stats.Pending:N0}");
            await client.DisposeAsync();
            return mode == "delivered" && stats.Dropped != 0 ? 1 : 0;
        }
        finally
        {
            if (serverProcess != null)
            {
                serverProcess.StandardInput.Close();
                if (!serverProcess.WaitForExit(10_000)) serverProcess.Kill();
            }
        }
    }

    private static void Decide(HackleClient client, HackleUser user, long count, bool throttle)
    {
        for (long i = 0; i < count; i++)
        {
            if (throttle && (i & 1023) == 0)
            {
                // Sleep, not spin, while the queue is near capacity: waiting must not count as CPU time.
                while (client.EventStats.Pending > QueueCapacity - 2048) Thread.Sleep(1);
            }
            client.IsFeatureOn(Key, user);
        }
    }

    /// <summary>Flushes and waits until every event received is sent or dropped.</summary>
    private static async Task SettleAsync(HackleClient client)
    {
        if (client.EventSink is DiscardingEventSink) return;
        await client.FlushAsync();
        while (client.EventStats.Pending > 0) await Task.Delay(5);
    }

    private static Process StartServer(int answerDelayMs, out Uri url)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Run as "dotnet Hackle.Benchmarks.dll": the server is the same assembly.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(DeliveryProcess).Assembly.Location);
        info.ArgumentList.Add("event-server");
        info.ArgumentList.Add(answerDelayMs.ToString());
        var process = Process.Start(info)!;
        url = new Uri(process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The event server did not start."));
        return process;
    }
}
