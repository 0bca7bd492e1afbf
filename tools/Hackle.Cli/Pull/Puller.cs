using System.Text.Json;
using Hackle.Cli.Diff;
using Spectre.Console;

namespace Hackle.Cli.Pull;

/// <summary>
/// One pull: download, write canonically, and before overwriting show what changes for the code.
/// Shared by <c>hackle pull</c> and <c>hackle init --sdk-key</c>.
/// </summary>
internal static class Puller
{
    public static async Task<int> RunAsync(ToolConsole console, PullRequest request, CancellationToken cancellationToken)
    {
        var downloader = new ConfigDownloader(request.Connection.SdkKey, request.Connection.SdkUrl, request.Connection.Timeout);
        if (request.Verbose) console.Error.WriteLine("GET " + downloader.DisplayUrl);

        ConfigDownload download;
        if (console.IsInteractive && !request.Json)
        {
            download = await console.ErrorAnsi.Status().Spinner(Spinner.Known.Dots)
                .StartAsync("Pulling the workspace config from " + Markup.Escape(request.Connection.SdkUrl.Host) + "…", _ => downloader.DownloadAsync(cancellationToken));
        }
        else
        {
            download = await downloader.DownloadAsync(cancellationToken);
        }
        if (request.Verbose)
            console.Error.WriteLine(download.Succeeded ? $"received {download.Message} in {download.Elapsed.TotalMilliseconds:0} ms" : $"gave up after {download.Elapsed.TotalMilliseconds:0} ms");
        if (download.Body is null)
        {
            console.Error.WriteLine("error: " + download.Message);
            return download.ExitCode;
        }

        var canonical = CanonicalConfigWriter.Write(download.Body, request.StripOverrides);
        var newSnapshot = ManifestSnapshotReader.Read(canonical, "the downloaded config");

        byte[]? existing = null;
        if (File.Exists(request.OutputPath))
        {
            try
            {
                existing = ManifestFiles.ReadAllBytes(request.OutputPath, request.OutputDisplay);
            }
            catch (ManifestException e)
            {
                console.Error.WriteLine("warning: " + e.Message + " It will be replaced.");
            }
        }
        if (existing != null && existing.AsSpan().SequenceEqual(canonical))
        {
            Report(console, request, written: false, upToDate: true, Array.Empty<ManifestChange>(), newSnapshot);
            return ExitCodes.Success;
        }

        IReadOnlyList<ManifestChange> changes = Array.Empty<ManifestChange>();
        if (existing != null)
        {
            try
            {
                changes = ManifestDiffer.Compare(ManifestSnapshotReader.Read(existing, request.OutputDisplay), newSnapshot, request.DiffOptions);
            }
            catch (ManifestException e)
            {
                console.Error.WriteLine("warning: " + e.Message + " It will be replaced without a comparison.");
            }
        }
        if (request.FailOn.Fails(changes))
        {
            Report(console, request, written: false, upToDate: false, changes, newSnapshot);
            console.Error.WriteLine($"error: {request.OutputDisplay} was not changed: the new config has {(request.FailOn == FailOn.Any ? "changes" : "breaking changes")} (--fail-on {request.FailOn.ToString().ToLowerInvariant()}).");
            return ExitCodes.ChangesFound;
        }

        try
        {
            WriteAtomically(request.OutputPath, canonical);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: could not write {request.OutputDisplay}: {e.Message}");
            return ExitCodes.IoError;
        }
        Report(console, request, written: true, upToDate: false, changes, newSnapshot, replaced: existing != null);
        return ExitCodes.Success;
    }

    private static void Report(ToolConsole console, PullRequest request, bool written, bool upToDate, IReadOnlyList<ManifestChange> changes, ManifestSnapshot snapshot, bool replaced = false)
    {
        if (request.Json)
        {
            console.Out.WriteLine(DiffReport.ToJson(changes, writer =>
            {
                writer.WriteString("output", request.OutputPath);
                writer.WriteBoolean("written", written);
                writer.WriteBoolean("upToDate", upToDate);
                writer.WriteNumber("experiments", snapshot.Experiments.Count);
                writer.WriteNumber("featureFlags", snapshot.FeatureFlags.Count);
                writer.WriteNumber("remoteConfigParameters", snapshot.Parameters.Count);
            }));
            return;
        }
        var counts = $"{snapshot.Experiments.Count} experiments, {snapshot.FeatureFlags.Count} feature flags, {snapshot.Parameters.Count} remote-config parameters";
        if (upToDate)
        {
            console.Out.WriteLine($"{request.OutputDisplay} is up to date ({counts}).");
            return;
        }
        if (changes.Count > 0) DiffReport.WriteTable(console, changes);
        if (!written) return;
        console.Out.WriteLine($"Wrote {request.OutputDisplay} ({counts}{(request.StripOverrides ? ", user overrides removed" : "")}).");
        if (replaced && changes.Count == 0)
            console.Out.WriteLine("No changes for the code: only the layout or fields the generator does not read (targeting, buckets, overrides) changed.");
    }

    /// <summary>Writes beside the target and moves over it, so an interrupted pull never leaves half a file.</summary>
    private static void WriteAtomically(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
