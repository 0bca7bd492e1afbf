using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>
/// A decision with its exposure queued for HTTP delivery (issue 14 part 2), not discarded: the client has the
/// real HTTP delivery (its server unreachable, its config bootstrapped, batches of 10,000 and an hour's flush
/// interval, so the delivery loop stays asleep). Each invocation makes 1,000 decisions and then takes their
/// 1,000 exposures back out of the queue (<see cref="ExposureQueueDrain"/>, what the delivery loop does on its
/// own thread), so the figure per decision is an upper bound that includes the dequeue. <see cref="Queued_Track"/>
/// does the same with a tracked event (1,000 Track calls into the same queue, then drained).
/// </summary>
[MemoryDiagnoser]
public class ExposureQueueBenchmarks
{
    private const int Decisions = 1000;
    private HackleClient _client = null!;
    private HackleUser _user = null!;
    private HackleEvent _purchase = null!;
    private ExposureQueueDrain _drain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var unreachable = new Uri("http://127.0.0.1:9");
        _client = HackleClient.Create("bench-queue-" + Guid.NewGuid().ToString("N"), new HackleClientOptions
        {
            SdkUrl = unreachable,
            EventUrl = unreachable,
            Workspace = HackleWorkspace.Parse(BenchmarkConfigs.Large()),
            EventQueueCapacity = 20_000,
            EventBatchSize = 10_000,
            EventFlushInterval = TimeSpan.FromHours(1),
            CloseTimeout = TimeSpan.Zero,
            LogToStandardError = false,
        });
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER", ["age"] = 34 } };
        _purchase = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
        var delivery = typeof(HackleClient).GetField("_delivery", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_client)!;
        var queue = delivery.GetType().GetField("_queue", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(delivery)!;
        _drain = new ExposureQueueDrain(queue);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var stats = _client.EventStats;
        _client.Dispose();
        if (stats.DroppedQueueFull != 0) throw new InvalidOperationException("Events were dropped: " + stats);
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Queued_IsFeatureOn_NoRules()
    {
        for (var i = 0; i < Decisions; i++) _client.IsFeatureOn(7, _user);
        return _drain.Drain(Decisions);
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Queued_IsFeatureOn_RuleAndRollout()
    {
        for (var i = 0; i < Decisions; i++) _client.IsFeatureOn(8, _user);
        return _drain.Drain(Decisions);
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Queued_Variation()
    {
        for (var i = 0; i < Decisions; i++) _client.Variation(42, _user);
        return _drain.Drain(Decisions);
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Queued_Track()
    {
        for (var i = 0; i < Decisions; i++) _client.Track(_purchase, _user);
        return _drain.Drain(Decisions);
    }
}
