using System.Text.Json;

namespace Hackle.Cli.Serve;

/// <summary>
/// Checks a POST /api/v2/events body against the payload the SDKs send (docs/protocol.md §4.2): a JSON object with
/// exposureEvents, trackEvents and remoteConfigEvents arrays. Each event is checked on its own, so one
/// bad event does not cost the valid ones.
/// </summary>
internal static class EventBatchValidator
{
    private static readonly (string List, EventKind Kind)[] Lists =
    [
        ("exposureEvents", EventKind.Exposure),
        ("trackEvents", EventKind.Track),
        ("remoteConfigEvents", EventKind.RemoteConfig),
    ];

    public static EventBatch Validate(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            return EventBatch.Malformed("the body is not JSON" + where);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return EventBatch.Malformed("the body is not a JSON object with exposureEvents, trackEvents and remoteConfigEvents");
            var accepted = new List<ReceivedEvent>();
            var rejected = new List<RejectedEvent>();
            var anyList = false;
            foreach (var (list, kind) in Lists)
            {
                if (!root.TryGetProperty(list, out var events) || events.ValueKind == JsonValueKind.Null) continue;
                anyList = true;
                if (events.ValueKind != JsonValueKind.Array)
                {
                    rejected.Add(new RejectedEvent(list, -1, $"'{list}' is not an array"));
                    continue;
                }
                var index = 0;
                foreach (var item in events.EnumerateArray())
                {
                    var problem = Check(item, kind, out var received);
                    if (problem is null) accepted.Add(received!);
                    else rejected.Add(new RejectedEvent(list, index, problem));
                    index++;
                }
            }
            if (!anyList)
                return EventBatch.Malformed("the object has none of exposureEvents, trackEvents, remoteConfigEvents");
            return new EventBatch(accepted, rejected, null);
        }
    }

    private static string? Check(JsonElement item, EventKind kind, out ReceivedEvent? received)
    {
        received = null;
        if (item.ValueKind != JsonValueKind.Object) return "the event is not a JSON object";
        if (!IsNonEmptyString(item, "insertId")) return "'insertId' is missing or not a non-empty string";
        if (!item.TryGetProperty("timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var millis) || millis <= 0)
            return "'timestamp' is missing or not a positive integer (epoch milliseconds)";
        if (!item.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Object)
            return "'identifiers' is missing or not an object";
        foreach (var identifier in identifiers.EnumerateObject())
        {
            if (identifier.Value.ValueKind != JsonValueKind.String) return $"identifier '{identifier.Name}' is not a string";
        }
        if (item.TryGetProperty("properties", out var properties) && properties.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            return "'properties' is not an object";
        switch (kind)
        {
            case EventKind.Exposure:
                if (!item.TryGetProperty("experimentKey", out var keyValue) || keyValue.ValueKind != JsonValueKind.Number || !keyValue.TryGetInt64(out var experimentKey))
                    return "'experimentKey' is missing or not an integer";
                var type = GetString(item, "experimentType");
                if (type is not ("AB_TEST" or "FEATURE_FLAG")) return "'experimentType' must be AB_TEST or FEATURE_FLAG";
                if (!IsNonEmptyString(item, "variationKey")) return "'variationKey' is missing or not a non-empty string";
                if (!IsNonEmptyString(item, "decisionReason")) return "'decisionReason' is missing or not a non-empty string";
                received = new ReceivedEvent(kind, item.Clone(), ExperimentType: type, ExperimentKey: experimentKey, VariationKey: GetString(item, "variationKey"));
                return null;
            case EventKind.Track:
                if (!IsNonEmptyString(item, "eventTypeKey")) return "'eventTypeKey' is missing or not a non-empty string";
                double? value = null;
                if (item.TryGetProperty("value", out var valueElement) && valueElement.ValueKind != JsonValueKind.Null)
                {
                    if (valueElement.ValueKind != JsonValueKind.Number || !double.IsFinite(valueElement.GetDouble())) return "'value' is not a number";
                    value = valueElement.GetDouble();
                }
                received = new ReceivedEvent(kind, item.Clone(), EventKey: GetString(item, "eventTypeKey"), Value: value);
                return null;
            default:
                if (!IsNonEmptyString(item, "parameterKey")) return "'parameterKey' is missing or not a non-empty string";
                if (!IsNonEmptyString(item, "decisionReason")) return "'decisionReason' is missing or not a non-empty string";
                received = new ReceivedEvent(kind, item.Clone(), ParameterKey: GetString(item, "parameterKey"));
                return null;
        }
    }

    private static bool IsNonEmptyString(JsonElement item, string property) => !string.IsNullOrEmpty(GetString(item, property));

    private static string? GetString(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
