using System.Text.Encodings.Web;
using System.Text.Json;
using Hackle.Cli.Diff;

namespace Hackle.Cli.Serve;

/// <summary>
/// What arrived at <c>hackle serve</c>: exposures per variation per experiment and flag, track counts and
/// value sums per event key, remote-config decisions per parameter, and the latest raw events. Distinct
/// keys and the raw-event list are bounded, so a runaway client cannot exhaust memory.
/// </summary>
internal sealed class ReceivedEvents
{
    public const int MaxDistinctKeys = 10_000;
    public const int MaxRecentEvents = 500;

    private readonly object _lock = new();
    private readonly Dictionary<(string Type, long Key), SortedDictionary<string, long>> _exposures = new();
    private readonly Dictionary<string, TrackTotals> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _remoteConfig = new(StringComparer.Ordinal);
    private readonly Queue<ReceivedEvent> _recent = new();
    private long _batches;
    private long _rejectedBatches;
    private long _rejectedEvents;
    private long _overflowEvents;
    private long _configRequests;
    private long _version;
    private TaskCompletionSource _changed = NewSignal();

    private sealed class TrackTotals
    {
        public long Count;
        public double ValueSum;
        public long ValueCount;
    }

    /// <summary>Increases on every change; the live page's stream waits on it.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void RecordBatch(EventBatch batch)
    {
        lock (_lock)
        {
            if (batch.Error != null || batch.Rejected.Count > 0) _rejectedBatches++;
            else _batches++;
            _rejectedEvents += batch.Rejected.Count;
            foreach (var received in batch.Accepted) Record(received);
        }
        NotifyChanged();
    }

    public void RecordConfigRequest()
    {
        Interlocked.Increment(ref _configRequests);
        NotifyChanged();
    }

    /// <summary>Forgets everything received (the page's Reset button).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _exposures.Clear();
            _tracks.Clear();
            _remoteConfig.Clear();
            _recent.Clear();
            _batches = _rejectedBatches = _rejectedEvents = _overflowEvents = 0;
        }
        NotifyChanged();
    }

    /// <summary>Completes when <see cref="Version"/> moves past <paramref name="seen"/>.</summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref _changed);
        if (Version != seen) return Task.CompletedTask;
        return signal.Task.WaitAsync(cancellationToken);
    }

    public void NotifyChanged()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private void Record(ReceivedEvent received)
    {
        switch (received.Kind)
        {
            case EventKind.Exposure:
                var id = (received.ExperimentType!, received.ExperimentKey);
                if (!_exposures.TryGetValue(id, out var variations))
                {
                    if (_exposures.Count >= MaxDistinctKeys) { _overflowEvents++; return; }
                    _exposures[id] = variations = new SortedDictionary<string, long>(StringComparer.Ordinal);
                }
                if (!variations.ContainsKey(received.VariationKey!) && variations.Count >= 64) { _overflowEvents++; return; }
                variations[received.VariationKey!] = variations.GetValueOrDefault(received.VariationKey!) + 1;
                break;
            case EventKind.Track:
                if (!_tracks.TryGetValue(received.EventKey!, out var totals))
                {
                    if (_tracks.Count >= MaxDistinctKeys) { _overflowEvents++; return; }
                    _tracks[received.EventKey!] = totals = new TrackTotals();
                }
                totals.Count++;
                if (received.Value is double value)
                {
                    totals.ValueSum += value;
                    totals.ValueCount++;
                }
                break;
            default:
                if (!_remoteConfig.ContainsKey(received.ParameterKey!) && _remoteConfig.Count >= MaxDistinctKeys) { _overflowEvents++; return; }
                _remoteConfig[received.ParameterKey!] = _remoteConfig.GetValueOrDefault(received.ParameterKey!) + 1;
                break;
        }
        _recent.Enqueue(received);
        while (_recent.Count > MaxRecentEvents) _recent.Dequeue();
    }

    /// <summary>
    /// Everything as JSON, names from <paramref name="manifest"/>: every experiment and flag of the manifest
    /// is listed (with zero counts until exposures arrive), then anything received that it does not know.
    /// </summary>
    public byte[] ToJson(ServedManifest manifest, bool includeRecent)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            lock (_lock)
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", Version);
                writer.WriteString("manifestLastModified", manifest.LastModified);
                writer.WriteNumber("configRequests", Interlocked.Read(ref _configRequests));
                writer.WriteNumber("batches", _batches);
                writer.WriteNumber("rejectedBatches", _rejectedBatches);
                writer.WriteNumber("rejectedEvents", _rejectedEvents);
                writer.WriteNumber("droppedOverLimits", _overflowEvents);
                writer.WriteStartArray("exposures");
                WriteExposures(writer, "AB_TEST", manifest.Snapshot.Experiments);
                WriteExposures(writer, "FEATURE_FLAG", manifest.Snapshot.FeatureFlags);
                writer.WriteEndArray();
                writer.WriteStartArray("tracks");
                foreach (var (key, totals) in _tracks.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", key);
                    writer.WriteNumber("count", totals.Count);
                    writer.WriteNumber("valueCount", totals.ValueCount);
                    writer.WriteNumber("valueSum", totals.ValueSum);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("remoteConfig");
                foreach (var (key, count) in _remoteConfig.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("key", key);
                    writer.WriteNumber("count", count);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                if (includeRecent)
                {
                    writer.WriteStartArray("recent");
                    foreach (var received in _recent)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("kind", received.Kind switch { EventKind.Exposure => "exposure", EventKind.Track => "track", _ => "remoteConfig" });
                        writer.WritePropertyName("event");
                        received.Raw.WriteTo(writer);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteEndObject();
            }
        }
        return stream.ToArray();
    }

    private void WriteExposures(Utf8JsonWriter writer, string type, IReadOnlyDictionary<long, FlagItem> known)
    {
        var keys = known.Keys.Concat(_exposures.Keys.Where(k => k.Type == type).Select(k => k.Key)).Distinct().Order();
        foreach (var key in keys)
        {
            known.TryGetValue(key, out var item);
            _exposures.TryGetValue((type, key), out var counts);
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteNumber("key", key);
            if (item?.Name != null) writer.WriteString("name", item.Name); else writer.WriteNull("name");
            writer.WriteString("status", item is null ? "NOT_IN_MANIFEST" : ManifestDiffer.StatusName(item.Status));
            writer.WriteNumber("total", counts?.Values.Sum() ?? 0);
            writer.WriteStartArray("variations");
            // A flag's variations are A (off) and B (on); an experiment's come from the manifest.
            IEnumerable<string> variationKeys = item is null ? [] : type == "FEATURE_FLAG" ? ["A", "B"] : item.Variations.Keys;
            foreach (var variation in variationKeys.Concat(counts?.Keys ?? Enumerable.Empty<string>()).Distinct().Order(StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("key", variation);
                writer.WriteNumber("count", counts?.GetValueOrDefault(variation) ?? 0);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
