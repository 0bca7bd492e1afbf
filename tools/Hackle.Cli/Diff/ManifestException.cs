namespace Hackle.Cli.Diff;

/// <summary>A manifest that cannot be read; the message says which file and why.</summary>
internal sealed class ManifestException(string message) : Exception(message);
