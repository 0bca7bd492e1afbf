using System.CommandLine;
using System.Net;
using Hackle.Cli.Diff;
using Hackle.Cli.Serve;

namespace Hackle.Cli.Commands;

/// <summary><c>hackle serve</c>: a local Hackle-compatible server with a live page.</summary>
internal static class ServeCommand
{
    public static Command Create(ToolConsole console)
    {
        var manifest = new Option<string>("--manifest", "-m") { Description = "The workspace config to serve; reloaded when the file changes.", DefaultValueFactory = _ => "hackle.flags.json" };
        var port = new Option<int>("--port", "-p") { Description = "The port to listen on (0 picks a free one).", DefaultValueFactory = _ => ServeOptions.DefaultPort };
        var bind = new Option<string>("--bind") { Description = "The address to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 opens it to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var sdkKey = new Option<string?>("--sdk-key") { Description = "Serve the config only to this SDK key (others get 401), to try key handling. By default any key gets it." };
        var json = CommonOptions.Json();
        json.Description = "Print where it listens as one line of JSON ({\"url\", \"manifest\", ...}) instead of the text, for scripts that start it with --port 0.";
        var maxBatch = new Option<int>("--max-batch-bytes") { Description = "The largest event batch accepted; larger ones get 413.", DefaultValueFactory = _ => ServeOptions.DefaultMaxBatchBytes };
        var command = new Command("serve",
            "Run a local Hackle-compatible server: GET /api/v2/workspaces/{key}/config serves the manifest (Last-Modified / 304, " +
            "reloaded on change), POST /api/v2/events accepts event batches, GET /api/received returns what arrived as JSON, and " +
            "the page at / shows exposures per variation and track events live. Point the SDK's SdkUrl and EventUrl at it.")
        {
            manifest, port, bind, sdkKey, maxBatch, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parseResult.GetValue(bind), out var address))
            {
                console.Error.WriteLine($"error: --bind '{parseResult.GetValue(bind)}' is not an IP address (e.g. 127.0.0.1, ::1 or 0.0.0.0).");
                return ExitCodes.Usage;
            }
            var portValue = parseResult.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                console.Error.WriteLine("error: --port must be between 0 and 65535.");
                return ExitCodes.Usage;
            }
            var maxBatchBytes = parseResult.GetValue(maxBatch);
            if (maxBatchBytes < 1024)
            {
                console.Error.WriteLine("error: --max-batch-bytes must be at least 1024.");
                return ExitCodes.Usage;
            }
            var key = parseResult.GetValue(sdkKey);
            if (key != null && !HackleClient.IsValidSdkKey(key))
            {
                console.Error.WriteLine("error: --sdk-key cannot be an SDK key: it is empty, too long, or has spaces, line breaks or non-ASCII characters.");
                return ExitCodes.Usage;
            }
            var manifestArgument = parseResult.GetValue(manifest)!;
            var options = new ServeOptions(console.ResolvePath(manifestArgument), address, portValue, key, maxBatchBytes);
            return await RunAsync(console, options, manifestArgument, parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl+C).</summary>
    public static async Task<int> RunAsync(ToolConsole console, ServeOptions options, string manifestDisplayName, bool json, CancellationToken cancellationToken)
    {
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(options, manifestDisplayName, message => console.Error.WriteLine(message), cancellationToken);
        }
        catch (ManifestException e)
        {
            console.Error.WriteLine("error: " + e.Message + " Pull one with 'hackle pull', or name another with --manifest.");
            return ExitCodes.InvalidInput;
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"error: {e.Message}. Is another server on that port? Pick another with --port (0 picks a free one).");
            return ExitCodes.IoError;
        }
        await using (host)
        {
            if (!IPAddress.IsLoopback(options.Address))
            {
                console.Error.WriteLine($"warning: listening on {options.Address}: anyone who can reach this machine can read the config and post events.");
            }
            if (json) WriteJson(console, host, options);
            else WriteText(console, host, options, manifestDisplayName);
            console.Out.Flush();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop cleanly.
            }
        }
        return ExitCodes.Success;
    }

    private static void WriteText(ToolConsole console, ServeHost host, ServeOptions options, string manifestDisplayName)
    {
        var baseUrl = host.Url.AbsoluteUri.TrimEnd('/');
        console.Out.WriteLine($"hackle serve: {manifestDisplayName} ({ManifestStore.Describe(host.Manifest.Current.Snapshot)})");
        console.Out.WriteLine($"  live page   {host.Url.AbsoluteUri}");
        console.Out.WriteLine($"  SDK URL     {baseUrl}   (HackleClientOptions.SdkUrl, or HACKLE_SDK_URL)");
        console.Out.WriteLine($"  event URL   {baseUrl}   (HackleClientOptions.EventUrl, or HACKLE_EVENT_URL)");
        console.Out.WriteLine($"  received    {baseUrl}/api/received");
        console.Out.WriteLine((options.SdkKey is null ? "Any SDK key gets the config." : "Only the key given with --sdk-key gets the config.") + " Press Ctrl+C to stop.");
    }

    private static void WriteJson(ToolConsole console, ServeHost host, ServeOptions options)
    {
        var manifest = host.Manifest.Current.Snapshot;
        console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["url"] = host.Url.AbsoluteUri,
            ["manifest"] = options.ManifestPath,
            ["experiments"] = manifest.Experiments.Count,
            ["featureFlags"] = manifest.FeatureFlags.Count,
            ["remoteConfigParameters"] = manifest.Parameters.Count,
        }));
    }
}
