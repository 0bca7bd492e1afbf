using Hackle.Cli.Diff;

namespace Hackle.Cli.Serve;

/// <summary>One version of the served config: its bytes, the Last-Modified it is served with, and its names.</summary>
internal sealed record ServedManifest(byte[] Body, string LastModified, ManifestSnapshot Snapshot, DateTimeOffset LoadedAt);
