using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>
/// Event pipeline throughput: events tracked, batched and POSTed to a real Kestrel server on 127.0.0.1,
/// counted when the server has received them. Each invocation sends <see cref="Events"/> events, keeping
/// what is queued under the queue's capacity, so nothing may be dropped.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
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
        _server = LoopbackEventServer.StartAsync(parseBodies: true).GetAwaiter().GetResult();
        _client = _server.CreateReadyClient("bench-pipeline", QueueCapacity);
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };
        _event = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
    }

    [GlobalCleanup]
    public void Cleanup() => _server.CloseWith(_client);

    [Benchmark(OperationsPerInvoke = Events)]
    public long TrackToLoopbackServer()
    {
        var target = _server.Received + Events;
        for (var i = 0; i < Events; i++)
        {
            // Stay under the queue's capacity, as a service below its sustained rate does.
            if ((i & 1023) == 0)
            {
                while (_client.EventStats.Pending > QueueCapacity - 2048) Thread.Yield();
            }
            _client.Track(_event, _user);
        }
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
