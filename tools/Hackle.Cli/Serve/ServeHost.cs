using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hackle.Cli.Serve;

/// <summary>
/// A local Hackle-compatible server on Kestrel: the SDK's config and event endpoints, the received-event
/// summary for scripts, and the live page. Started by <c>hackle serve</c> and, in-process, by tests.
/// </summary>
internal sealed class ServeHost : IAsyncDisposable
{
    private static readonly TimeSpan StreamHeartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StreamMinInterval = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly ManifestStore _manifest;

    private ServeHost(WebApplication app, ManifestStore manifest, ReceivedEvents received, Uri url)
    {
        _app = app;
        _manifest = manifest;
        Received = received;
        Url = url;
    }

    /// <summary>The base URL, e.g. http://127.0.0.1:7171/: the SDK URL, the event URL and the live page.</summary>
    public Uri Url { get; }

    public ReceivedEvents Received { get; }

    public ManifestStore Manifest => _manifest;

    /// <summary>
    /// Cancelled when the host is told to stop: SIGTERM and Ctrl+C reach the host's console lifetime,
    /// which claims those signals, so the command waits on this as well as on its own token.
    /// </summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// Loads the manifest and starts listening. Throws <see cref="Diff.ManifestException"/> for a bad
    /// manifest and <see cref="IOException"/> when the address cannot be bound.
    /// </summary>
    public static async Task<ServeHost> StartAsync(ServeOptions options, string manifestDisplayName, Action<string> report, CancellationToken cancellationToken = default)
    {
        var manifest = ManifestStore.Open(options.ManifestPath, manifestDisplayName, report);
        try
        {
            var received = new ReceivedEvents();
            manifest.Reloaded += _ => received.NotifyChanged();

            // The empty builder reads no appsettings or ASPNETCORE_* variables from wherever the tool is run.
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(options.Address, options.Port);
                kestrel.Limits.MaxRequestBodySize = options.MaxBatchBytes;
                kestrel.AddServerHeader = false;
            });
            builder.Services.AddRoutingCore();
            builder.Logging.ClearProviders();
            var app = builder.Build();
            MapEndpoints(app, manifest, received, options);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                await app.DisposeAsync();
                throw new IOException($"cannot listen on {options.Address}:{options.Port}: {e.Message}", e);
            }
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var port = new Uri(address).Port;
            // Listening on every address: this machine reaches it on loopback.
            var reachable = options.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : options.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : options.Address;
            var host = reachable.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + reachable + "]" : reachable.ToString();
            return new ServeHost(app, manifest, received, new Uri($"http://{host}:{port}/"));
        }
        catch
        {
            manifest.Dispose();
            throw;
        }
    }

    private static void MapEndpoints(WebApplication app, ManifestStore manifest, ReceivedEvents received, ServeOptions options)
    {
        app.MapGet("/api/v2/workspaces/{key}/config", context => ServeConfigAsync(context, manifest, received, options));
        app.MapPost("/api/v2/events", context => AcceptEventsAsync(context, received, options));
        app.MapGet("/api/received", context => WriteJsonAsync(context, 200, received.ToJson(manifest.Current, includeRecent: true)));
        app.MapDelete("/api/received", context =>
        {
            received.Clear();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        var stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/api/received/stream", context => StreamAsync(context, manifest, received, stopping));
        app.MapGet("/", context => ServePageAsync(context));
    }

    private static Task ServeConfigAsync(HttpContext context, ManifestStore manifest, ReceivedEvents received, ServeOptions options)
    {
        received.RecordConfigRequest();
        var key = (string)context.Request.RouteValues["key"]!;
        if (options.SdkKey != null && !string.Equals(key, options.SdkKey, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync("This SDK key is not the one 'hackle serve --sdk-key' was started with.\n");
        }
        var current = manifest.Current;
        var response = context.Response;
        response.Headers.CacheControl = "no-cache";
        if (string.Equals(context.Request.Headers.IfModifiedSince.ToString(), current.LastModified, StringComparison.Ordinal))
        {
            response.StatusCode = 304;
            return Task.CompletedTask;
        }
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.LastModified = current.LastModified;
        response.ContentLength = current.Body.Length;
        return response.Body.WriteAsync(current.Body).AsTask();
    }

    private static async Task AcceptEventsAsync(HttpContext context, ReceivedEvents received, ServeOptions options)
    {
        var body = await ReadBodyAsync(context.Request, options.MaxBatchBytes, context.RequestAborted);
        if (body is null)
        {
            received.RecordBatch(EventBatch.Malformed("too large"));
            await WriteErrorAsync(context, 413, $"the batch is larger than {options.MaxBatchBytes} bytes; send smaller batches");
            return;
        }
        var batch = EventBatchValidator.Validate(body);
        received.RecordBatch(batch);
        if (batch.Error != null)
        {
            await WriteErrorAsync(context, 400, batch.Error);
            return;
        }
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            if (batch.Rejected.Count > 0)
                writer.WriteString("error", $"{batch.Rejected.Count} event(s) refused; the {batch.Accepted.Count} valid one(s) were kept");
            writer.WriteNumber("accepted", batch.Accepted.Count);
            writer.WriteStartArray("rejected");
            foreach (var rejected in batch.Rejected)
            {
                writer.WriteStartObject();
                writer.WriteString("list", rejected.List);
                writer.WriteNumber("index", rejected.Index);
                writer.WriteString("reason", rejected.Reason);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        await WriteJsonAsync(context, batch.Rejected.Count > 0 ? 400 : 202, stream.ToArray());
    }

    /// <summary>Reads the body up to <paramref name="limit"/> bytes; null when it is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            return null;
        }
        return buffer.ToArray();
    }

    private static async Task StreamAsync(HttpContext context, ManifestStore manifest, ReceivedEvents received, CancellationToken stopping)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Ends when the page goes away, or when the server stops: an open page must not hold up Ctrl+C.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var aborted = ended.Token;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var version = received.Version;
                await response.WriteAsync("data: ", aborted);
                await response.Body.WriteAsync(received.ToJson(manifest.Current, includeRecent: false), aborted);
                await response.WriteAsync("\n\n", aborted);
                await response.Body.FlushAsync(aborted);
                // At most ten updates a second, however fast events arrive.
                await Task.Delay(StreamMinInterval, aborted);
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                heartbeat.CancelAfter(StreamHeartbeat);
                try
                {
                    await received.WaitForChangeAsync(version, heartbeat.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    // Nothing changed for a while: a comment line keeps proxies from closing the stream.
                    await response.WriteAsync(": keep-alive\n\n", aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The page was closed.
        }
    }

    private static async Task ServePageAsync(HttpContext context)
    {
        await using var page = Assembly.GetExecutingAssembly().GetManifestResourceStream("Hackle.Cli.LivePage.index.html")
            ?? throw new InvalidOperationException("The live page is missing from the tool's resources.");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await page.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["error"] = error });
        return WriteJsonAsync(context, status, json);
    }

    private static Task WriteJsonAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _manifest.Dispose();
    }
}
