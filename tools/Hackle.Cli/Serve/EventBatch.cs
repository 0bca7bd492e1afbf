using System.Text.Json;

namespace Hackle.Cli.Serve;

/// <summary>The three event lists of a batch (docs/protocol.md §4.2).</summary>
internal enum EventKind { Exposure, Track, RemoteConfig }

/// <summary>One valid event of a batch, with the fields the live page counts.</summary>
/// <param name="Raw">The event as it arrived (a detached clone).</param>
internal sealed record ReceivedEvent(
    EventKind Kind,
    JsonElement Raw,
    string? ExperimentType = null,
    long ExperimentKey = 0,
    string? VariationKey = null,
    string? EventKey = null,
    double? Value = null,
    string? ParameterKey = null);

/// <summary>Why one event of a batch was refused.</summary>
internal sealed record RejectedEvent(string List, int Index, string Reason);

/// <summary>A checked batch: what is valid is kept even when other events are refused.</summary>
internal sealed record EventBatch(IReadOnlyList<ReceivedEvent> Accepted, IReadOnlyList<RejectedEvent> Rejected, string? Error)
{
    public static EventBatch Malformed(string error) => new([], [], error);
}
