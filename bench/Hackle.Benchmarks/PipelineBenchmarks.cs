using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    private WebApplication _server = null!;
    private HackleClient _client = null!;
    private HackleUser _user = null!;
    private HackleEvent _event = null!;
    private long _received;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        var config = File.ReadAllBytes(BenchmarkConfigs.ManifestPath);
        _server.MapGet("/api/v2/workspaces/{key}/config", () => Results.Bytes(config, "application/json"));
        _server.MapPost("/api/v2/events", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var count = 0;
            foreach (var array in body.RootElement.EnumerateObject()) count += array.Value.GetArrayLength();
            Interlocked.Add(ref _received, count);
            return Results.Accepted();
        });
        _server.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _client = HackleClient.Create("bench-pipeline-" + Guid.NewGuid(), new HackleClientOptions
        {
            SdkUrl = address,
            EventUrl = address,
            EventQueueCapacity = QueueCapacity,
            EventFlushInterval = TimeSpan.FromMilliseconds(100),
        });
        if (!_client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult())
            throw new InvalidOperationException("The client did not get its config from the loopback server.");
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };
        _event = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var stats = _client.EventStats;
        _client.Dispose();
        _server.StopAsync().GetAwaiter().GetResult();
        if (stats.Dropped != 0) throw new InvalidOperationException("Events were dropped: " + stats);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long TrackToLoopbackServer()
    {
        var target = Interlocked.Read(ref _received) + Events;
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
        while (Interlocked.Read(ref _received) < target)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not receive every event: " + _client.EventStats);
            Thread.Sleep(1);
        }
        return _received;
    }
}
