using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hackle.Benchmarks;

/// <summary>
/// A Kestrel server on 127.0.0.1 that serves the repo's manifest as the workspace config and counts the
/// events POSTed to it. It counts the <c>"insertId":</c> keys in the body as the bytes stream in, without
/// parsing into objects, so what it allocates per event stays out of the SDK's figures as far as possible.
/// With <c>answerDelay</c> it holds each event request that long, a server that cannot keep up. With
/// <c>parseBodies</c> it parses each body as JSON and counts the events of its arrays instead, as a real
/// server would (the original pipeline benchmark's server, kept for its figures' sake).
/// </summary>
public sealed class LoopbackEventServer : IAsyncDisposable
{
    private static ReadOnlySpan<byte> InsertIdKey => "insertId\":"u8;

    private readonly WebApplication _app;
    private long _received;
    private long _requests;

    private LoopbackEventServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Events received so far.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Event requests received so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<LoopbackEventServer> StartAsync(TimeSpan answerDelay = default, bool parseBodies = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackEventServer(app);
        var config = File.ReadAllBytes(BenchmarkConfigs.ManifestPath);
        app.MapGet("/api/v2/workspaces/{key}/config", () => Results.Bytes(config, "application/json"));
        app.MapGet("/received", () => Results.Text(server.Received.ToString()));
        app.MapPost("/api/v2/events", async (HttpContext context) =>
        {
            var count = parseBodies ? await CountParsedEventsAsync(context.Request) : await CountInsertIdsAsync(context.Request);
            Interlocked.Increment(ref server._requests);
            if (answerDelay > TimeSpan.Zero) await Task.Delay(answerDelay);
            Interlocked.Add(ref server._received, count);
            context.Response.StatusCode = 202;
        });
        await app.StartAsync();
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    private static async Task<long> CountParsedEventsAsync(HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        long count = 0;
        foreach (var array in body.RootElement.EnumerateObject()) count += array.Value.GetArrayLength();
        return count;
    }

    private static async Task<long> CountInsertIdsAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        long count = 0;
        while (true)
        {
            var read = await reader.ReadAsync();
            var buffer = read.Buffer;
            var consumed = Count(buffer, read.IsCompleted, ref count);
            reader.AdvanceTo(consumed, buffer.End);
            if (read.IsCompleted) break;
        }
        await reader.CompleteAsync();
        return count;
    }

    /// <summary>Counts the keys wholly inside <paramref name="buffer"/>; returns where the next read must resume (a key cut at the end is read again).</summary>
    private static SequencePosition Count(ReadOnlySequence<byte> buffer, bool isLast, ref long count)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryAdvanceTo((byte)'"'))
        {
            if (reader.Remaining < InsertIdKey.Length && !isLast)
            {
                // Resume at this quote next time, when the rest of the key may have arrived.
                return buffer.GetPosition(reader.Consumed - 1);
            }
            if (reader.IsNext(InsertIdKey, advancePast: true)) count++;
        }
        return buffer.End;
    }

    /// <summary>A client that syncs from this server and delivers its events here (flushed every 100 ms), once it is ready.</summary>
    public HackleClient CreateReadyClient(string name, int queueCapacity)
    {
        var client = HackleClient.Create(name + "-" + Guid.NewGuid(), new HackleClientOptions
        {
            SdkUrl = Url,
            EventUrl = Url,
            EventQueueCapacity = queueCapacity,
            EventFlushInterval = TimeSpan.FromMilliseconds(100),
        });
        if (!client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult())
            throw new InvalidOperationException("The client did not get its config from the loopback server.");
        return client;
    }

    /// <summary>Closes <paramref name="client"/> and this server; throws if the client dropped an event (the benchmark then measured less than it says).</summary>
    public void CloseWith(HackleClient client)
    {
        var stats = client.EventStats;
        client.Dispose();
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (stats.Dropped != 0) throw new InvalidOperationException("Events were dropped: " + stats);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
