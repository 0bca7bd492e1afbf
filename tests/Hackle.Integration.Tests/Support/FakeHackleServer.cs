using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hackle.Integration.Tests.Support;

/// <summary>One request the server saw, with what it answered.</summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    IReadOnlyList<string> InsertIds,
    int Status);

/// <summary>
/// A Hackle-compatible server on Kestrel at 127.0.0.1 (port 0 unless given): serves the config with
/// Last-Modified / If-Modified-Since and accepts event batches, recording everything. Tests script
/// one-off answers (errors, delays) that take precedence over the normal behaviour, in order.
/// </summary>
public sealed class FakeHackleServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _configScript = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _eventScript = new();
    private readonly ConcurrentQueue<RecordedRequest> _configRequests = new();
    private readonly ConcurrentQueue<RecordedRequest> _eventRequests = new();
    private readonly ConcurrentDictionary<string, int> _accepted = new();
    private readonly object _configLock = new();
    private string? _configBody;
    private string? _lastModified;
    private int _eventsInFlight;
    private int _maxEventsInFlight;

    private FakeHackleServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The server's base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    public int Port => Url.Port;

    /// <summary>Every config request so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> ConfigRequests => _configRequests.ToArray();

    /// <summary>Every event request so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> EventRequests => _eventRequests.ToArray();

    /// <summary>How many times each insertId arrived in a batch the server accepted.</summary>
    public IReadOnlyDictionary<string, int> AcceptedInsertIds => new Dictionary<string, int>(_accepted);

    /// <summary>The accepted events, in arrival order, as JSON elements.</summary>
    public ConcurrentQueue<JsonElement> AcceptedEvents { get; } = new();

    /// <summary>The most event requests that were being answered at the same time.</summary>
    public int MaxEventsInFlight => Volatile.Read(ref _maxEventsInFlight);

    /// <summary>The HttpContext.Items key under which event answers find the batch's insertIds.</summary>
    public const string InsertIdsKey = "insertIds";

    /// <summary>What an event request is answered with when nothing is scripted (default 202).</summary>
    public Func<HttpContext, Task> EventsDefault { get; set; } = _ => Task.CompletedTask;

    /// <summary>When set, config requests with no script get this answer instead of the config.</summary>
    public Func<HttpContext, Task>? ConfigDefault { get; set; }

    public static async Task<FakeHackleServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeHackleServer? server = null;
        app.MapGet("/api/v2/workspaces/{key}/config", (RequestDelegate)(context => server!.HandleConfigAsync(context)));
        app.MapPost("/api/v2/events", (RequestDelegate)(context => server!.HandleEventsAsync(context)));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeHackleServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
        return server;
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on (a server was bound there and stopped).</summary>
    public static async Task<int> FreePortAsync()
    {
        await using var probe = await StartAsync();
        return probe.Port;
    }

    /// <summary>Serves <paramref name="json"/> from now on, with this Last-Modified.</summary>
    public void SetConfig(string json, string lastModified)
    {
        lock (_configLock)
        {
            _configBody = json;
            _lastModified = lastModified;
        }
    }

    /// <summary>The next config request gets this answer (after any scripted before it).</summary>
    public void ScriptConfig(Func<HttpContext, Task> answer) => _configScript.Enqueue(answer);

    /// <summary>The next event request gets this answer (after any scripted before it).</summary>
    public void ScriptEvents(Func<HttpContext, Task> answer) => _eventScript.Enqueue(answer);

    public static Func<HttpContext, Task> Status(int status, string? retryAfter = null) => context =>
    {
        context.Response.StatusCode = status;
        if (retryAfter != null) context.Response.Headers.RetryAfter = retryAfter;
        return Task.CompletedTask;
    };

    public static Func<HttpContext, Task> Body(string body, string? lastModified = null) => async context =>
    {
        if (lastModified != null) context.Response.Headers.LastModified = lastModified;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    };

    /// <summary>Waits (until the client gives up) and then answers.</summary>
    public static Func<HttpContext, Task> Hang(TimeSpan delay, Func<HttpContext, Task>? then = null) => async context =>
    {
        try
        {
            await Task.Delay(delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await (then ?? Status(200))(context);
    };

    private async Task HandleConfigAsync(HttpContext context)
    {
        var headers = Headers(context);
        if (_configScript.TryDequeue(out var scripted) || (scripted = ConfigDefault) != null)
        {
            await scripted(context);
        }
        else
        {
            string? body, lastModified;
            lock (_configLock)
            {
                body = _configBody;
                lastModified = _lastModified;
            }
            if (body is null) context.Response.StatusCode = 404;
            else if (lastModified != null && context.Request.Headers.IfModifiedSince == lastModified) context.Response.StatusCode = 304;
            else await Body(body, lastModified)(context);
        }
        _configRequests.Enqueue(new RecordedRequest(DateTimeOffset.UtcNow, context.Request.Path, headers, "", [], context.Response.StatusCode));
    }

    private async Task HandleEventsAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _eventsInFlight);
        try
        {
            int max;
            while (now > (max = Volatile.Read(ref _maxEventsInFlight)) && Interlocked.CompareExchange(ref _maxEventsInFlight, now, max) != max)
            {
            }
            var headers = Headers(context);
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var events = ParseEvents(body);
            var insertIds = events.Select(e => e.GetProperty("insertId").GetString()!).ToArray();
            context.Items[InsertIdsKey] = insertIds;
            context.Response.StatusCode = 202;
            await (_eventScript.TryDequeue(out var scripted) ? scripted : EventsDefault)(context);
            var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
            if (status >= 200 && status <= 299)
            {
                foreach (var e in events)
                {
                    _accepted.AddOrUpdate(e.GetProperty("insertId").GetString()!, 1, (_, n) => n + 1);
                    AcceptedEvents.Enqueue(e);
                }
            }
            _eventRequests.Enqueue(new RecordedRequest(DateTimeOffset.UtcNow, context.Request.Path, headers, body, insertIds, status));
        }
        finally
        {
            Interlocked.Decrement(ref _eventsInFlight);
        }
    }

    private static List<JsonElement> ParseEvents(string body)
    {
        var events = new List<JsonElement>();
        using var document = JsonDocument.Parse(body);
        foreach (var array in new[] { "exposureEvents", "trackEvents", "remoteConfigEvents" })
        {
            foreach (var e in document.RootElement.GetProperty(array).EnumerateArray()) events.Add(e.Clone());
        }
        return events;
    }

    private static Dictionary<string, string> Headers(HttpContext context) =>
        context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await _app.DisposeAsync();
    }
}
