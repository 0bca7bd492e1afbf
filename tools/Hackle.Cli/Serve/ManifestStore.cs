using System.Globalization;
using Hackle.Cli.Diff;

namespace Hackle.Cli.Serve;

/// <summary>
/// The config <c>hackle serve</c> hands out. It is loaded at start and again whenever the file changes;
/// a change that is not a valid config is reported and the last good one stays in force, as in the SDK.
/// </summary>
internal sealed class ManifestStore : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly string _path;
    private readonly string _displayName;
    private readonly Action<string> _report;
    private readonly object _reloadLock = new();
    private FileSystemWatcher? _watcher;
    private Timer? _debounceTimer;
    private ServedManifest _current;

    private ManifestStore(string path, string displayName, ServedManifest initial, Action<string> report)
    {
        _path = path;
        _displayName = displayName;
        _current = initial;
        _report = report;
    }

    /// <summary>The config in force.</summary>
    public ServedManifest Current => Volatile.Read(ref _current);

    /// <summary>Raised after a successful reload.</summary>
    public event Action<ServedManifest>? Reloaded;

    /// <summary>Loads the file; throws <see cref="ManifestException"/> when it is not a valid config.</summary>
    public static ManifestStore Open(string path, string displayName, Action<string> report)
    {
        var store = new ManifestStore(path, displayName, Load(path, displayName, previous: null), report);
        store.Watch();
        return store;
    }

    /// <summary>Reads the file again now (the watcher calls this; tests may too).</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            ServedManifest next;
            try
            {
                next = Load(_path, _displayName, Current);
            }
            catch (ManifestException e)
            {
                _report($"warning: {e.Message} Still serving the version loaded at {Current.LoadedAt:HH:mm:ss}.");
                return false;
            }
            if (next.Body.AsSpan().SequenceEqual(Current.Body)) return false;
            Volatile.Write(ref _current, next);
            _report($"reloaded {_displayName} ({Describe(next.Snapshot)}); SDKs pick it up on their next poll.");
            Reloaded?.Invoke(next);
            return true;
        }
    }

    public static string Describe(ManifestSnapshot snapshot) =>
        $"{snapshot.Experiments.Count} experiments, {snapshot.FeatureFlags.Count} feature flags, {snapshot.Parameters.Count} remote-config parameters";

    private static ServedManifest Load(string path, string displayName, ServedManifest? previous)
    {
        var body = ManifestFiles.ReadAllBytes(path, displayName);
        try
        {
            // The runtime's own parser: what it rejects is never served.
            HackleWorkspace.Parse(body);
        }
        catch (HackleConfigException e)
        {
            throw new ManifestException($"{displayName} is not a valid workspace config: {e.Message}");
        }
        var snapshot = ManifestSnapshotReader.Read(body, displayName);
        var now = DateTimeOffset.UtcNow;
        // HTTP dates have whole seconds; each version gets a later one so that a client holding the
        // previous Last-Modified never gets 304 for a newer body.
        var stamp = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (previous != null)
        {
            var previousStamp = DateTimeOffset.ParseExact(previous.LastModified, "r", CultureInfo.InvariantCulture);
            if (stamp <= previousStamp) stamp = previousStamp.AddSeconds(1);
        }
        return new ServedManifest(body, stamp.ToString("r", CultureInfo.InvariantCulture), snapshot, now);
    }

    private void Watch()
    {
        var directory = Path.GetDirectoryName(_path)!;
        _debounceTimer = new Timer(_ => Reload());
        _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        // Editors save in several steps (truncate, write, rename); one reload after they settle.
        FileSystemEventHandler changed = (_, _) => _debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.Changed += changed;
        _watcher.Created += changed;
        _watcher.Renamed += (_, _) => _debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounceTimer?.Dispose();
    }
}
