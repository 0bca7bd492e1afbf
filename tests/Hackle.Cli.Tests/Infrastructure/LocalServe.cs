using System.Net;
using Hackle.Cli.Serve;

namespace Hackle.Cli.Tests.Infrastructure;

/// <summary>An in-process <c>hackle serve</c> on 127.0.0.1 port 0, over a copy of a manifest in a temp directory.</summary>
public sealed class LocalServe : IAsyncDisposable
{
    private readonly ServeHost _host;
    private readonly TempDirectory _directory;

    private LocalServe(ServeHost host, TempDirectory directory, string manifestPath, List<string> messages)
    {
        _host = host;
        _directory = directory;
        ManifestPath = manifestPath;
        Messages = messages;
    }

    public Uri Url => _host.Url;

    public string ManifestPath { get; }

    /// <summary>What serve reported (reloads, warnings).</summary>
    public List<string> Messages { get; }

    internal ServeHost Host => _host;

    public static async Task<LocalServe> StartAsync(string sourceManifest, string? sdkKey = null, int maxBatchBytes = ServeOptions.DefaultMaxBatchBytes)
    {
        var directory = new TempDirectory();
        var path = directory.File("hackle.flags.json");
        File.Copy(sourceManifest, path);
        var messages = new List<string>();
        var options = new ServeOptions(path, IPAddress.Loopback, 0, sdkKey, maxBatchBytes);
        var host = await ServeHost.StartAsync(options, "hackle.flags.json", m => { lock (messages) messages.Add(m); });
        return new LocalServe(host, directory, path, messages);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _directory.Dispose();
    }
}
