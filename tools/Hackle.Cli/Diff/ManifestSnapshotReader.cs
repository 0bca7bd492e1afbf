using System.Text.Json;

namespace Hackle.Cli.Diff;

/// <summary>
/// Reads a <see cref="ManifestSnapshot"/> from workspace-config JSON. The runtime's parser builds the
/// evaluation model, which has no names or descriptions; this reads only what generated code depends on.
/// </summary>
internal static class ManifestSnapshotReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    /// <summary>Reads a config; throws <see cref="ManifestException"/> for text that is not a workspace config.</summary>
    public static ManifestSnapshot Read(ReadOnlyMemory<byte> utf8Json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            throw new ManifestException($"{source} is not valid JSON{where}.");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new ManifestException($"{source} is not a workspace config: the root is not a JSON object.");
            return new ManifestSnapshot(
                ReadItems(root, "experiments", withVariations: true, source),
                ReadItems(root, "featureFlags", withVariations: false, source),
                ReadParameters(root, source));
        }
    }

    /// <summary>Reads a config file; throws <see cref="ManifestException"/> when it is missing, too large or invalid.</summary>
    public static ManifestSnapshot ReadFile(string path, string displayName) =>
        Read(ManifestFiles.ReadAllBytes(path, displayName), displayName);

    private static SortedDictionary<long, FlagItem> ReadItems(JsonElement root, string property, bool withVariations, string source)
    {
        var items = new SortedDictionary<long, FlagItem>();
        foreach (var item in Array(root, property, source))
        {
            if (item.ValueKind != JsonValueKind.Object) continue;
            if (!TryGetInt64(item, "key", out var key)) continue;
            if (!TryParseStatus(item, out var status)) continue;
            var variationKeysById = new Dictionary<long, string>();
            var variations = new SortedDictionary<string, VariationItem>(StringComparer.Ordinal);
            foreach (var variation in Array(item, "variations", source))
            {
                var variationKey = GetString(variation, "key");
                if (string.IsNullOrEmpty(variationKey)) continue;
                variationKey = variationKey.ToUpperInvariant();
                if (TryGetInt64(variation, "id", out var id)) variationKeysById[id] = variationKey;
                variations[variationKey] = new VariationItem(variationKey, GetString(variation, "name"), GetString(variation, "status") == "DROPPED");
            }
            string? winner = null;
            if (TryGetInt64(item, "winnerVariationId", out var winnerId)) variationKeysById.TryGetValue(winnerId, out winner);
            // Later entries win, as in the SDKs.
            items[key] = new FlagItem(
                key,
                GetString(item, "name"),
                GetString(item, "description"),
                status,
                winner,
                withVariations ? variations : new SortedDictionary<string, VariationItem>(StringComparer.Ordinal));
        }
        return items;
    }

    private static SortedDictionary<string, ParameterItem> ReadParameters(JsonElement root, string source)
    {
        var parameters = new SortedDictionary<string, ParameterItem>(StringComparer.Ordinal);
        foreach (var item in Array(root, "remoteConfigParameters", source))
        {
            var key = GetString(item, "key");
            if (string.IsNullOrEmpty(key)) continue;
            var wireType = GetString(item, "type");
            AccessorType type;
            switch (wireType)
            {
                case "STRING": case "JSON": type = AccessorType.String; break;
                case "NUMBER": type = AccessorType.Number; break;
                case "BOOLEAN": type = AccessorType.Boolean; break;
                default: continue;
            }
            string? defaultValue = null;
            if (item.TryGetProperty("defaultValue", out var defaultObject) && defaultObject.ValueKind == JsonValueKind.Object
                && defaultObject.TryGetProperty("value", out var value))
            {
                defaultValue = Normalize(value);
            }
            long? id = TryGetInt64(item, "id", out var parameterId) ? parameterId : null;
            parameters[key] = new ParameterItem(key, id, wireType, type, defaultValue, GetString(item, "description"));
        }
        return parameters;
    }

    /// <summary>JSON text that does not depend on how the writer escaped strings: "\u0022" and "\"" are one value.</summary>
    private static string Normalize(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? JsonSerializer.Serialize(value.GetString(), RelaxedJson)
        : value.GetRawText();

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool TryParseStatus(JsonElement item, out ItemStatus status)
    {
        status = ItemStatus.Draft;
        // As in the SDKs, the status is execution.status; the top-level status is not read.
        if (!item.TryGetProperty("execution", out var execution) || execution.ValueKind != JsonValueKind.Object) return false;
        switch (GetString(execution, "status"))
        {
            case "READY": status = ItemStatus.Draft; return true;
            case "RUNNING": status = ItemStatus.Running; return true;
            case "PAUSED": status = ItemStatus.Paused; return true;
            case "STOPPED": status = ItemStatus.Completed; return true;
            default: return false;
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement parent, string property, string source)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
            return [];
        if (array.ValueKind != JsonValueKind.Array)
            throw new ManifestException($"{source} is not a workspace config: '{property}' is not an array.");
        return array.EnumerateArray();
    }

    private static string? GetString(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryGetInt64(JsonElement item, string property, out long result)
    {
        result = 0;
        return item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out result);
    }
}
