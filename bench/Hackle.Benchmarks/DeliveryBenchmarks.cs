using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>
/// Delivery end to end (issue 18): events made by the public API, batched, written and POSTed to a Kestrel
/// server on 127.0.0.1 (<see cref="LoopbackEventServer"/>, which counts without parsing), per event, until
/// the server has received them all. The exposure row is a decision with its exposure delivered. Each
/// invocation keeps what is queued under the queue's capacity, so nothing may be dropped. The allocation
/// column counts every thread of the process: the SDK's delivery loop and sends, and Kestrel's side too.
/// </summary>
[MemoryDiagnoser]
public class DeliveryBenchmarks
{
    public const int Events = 100_000;
    private const int QueueCapacity = 10_000;
    private LoopbackEventServer _server = null!;
    private HackleClient _client = null!;
    private HackleUser _user = null!;
    private HackleEvent _event = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackEventServer.StartAsync().GetAwaiter().GetResult();
        _client = _server.CreateReadyClient("bench-delivery", QueueCapacity);
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };
        _event = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
    }

    [GlobalCleanup]
    public void Cleanup() => _server.CloseWith(_client);

    [Benchmark(OperationsPerInvoke = Events)]
    public long Tracks()
    {
        var target = _server.Received + Events;
        for (var i = 0; i < Events; i++)
        {
            if ((i & 1023) == 0) Throttle();
            _client.Track(_event, _user);
        }
        return WaitFor(target);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long DecisionsWithExposures()
    {
        var target = _server.Received + Events;
        for (var i = 0; i < Events; i++)
        {
            if ((i & 1023) == 0) Throttle();
            _client.IsFeatureOn(7, _user);
        }
        return WaitFor(target);
    }

    /// <summary>Stays under the queue's capacity, as a service below its sustained rate does.</summary>
    private void Throttle()
    {
        while (_client.EventStats.Pending > QueueCapacity - 2048) Thread.Yield();
    }

    private long WaitFor(long target)
    {
        _client.FlushAsync().GetAwaiter().GetResult();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_server.Received < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not receive every event: " + _client.EventStats);
            Thread.Sleep(1);
        }
        return _server.Received;
    }
}
