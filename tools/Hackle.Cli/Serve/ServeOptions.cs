using System.Net;

namespace Hackle.Cli.Serve;

/// <summary>How <c>hackle serve</c> runs.</summary>
/// <param name="ManifestPath">The config file served, reloaded when it changes.</param>
/// <param name="Address">Where to listen; loopback unless the user opens it.</param>
/// <param name="Port">0 picks a free port.</param>
/// <param name="SdkKey">When set, only this key gets the config; any other gets 401 (for testing key handling).</param>
/// <param name="MaxBatchBytes">The largest event batch accepted; larger ones get 413.</param>
internal sealed record ServeOptions(string ManifestPath, IPAddress Address, int Port, string? SdkKey = null, int MaxBatchBytes = ServeOptions.DefaultMaxBatchBytes)
{
    public const int DefaultPort = 7171;
    public const int DefaultMaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>Never shows the key.</summary>
    public override string ToString() => $"ServeOptions {{ ManifestPath = {ManifestPath}, Address = {Address}, Port = {Port}, MaxBatchBytes = {MaxBatchBytes} }}";
}
