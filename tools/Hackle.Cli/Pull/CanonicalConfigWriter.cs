using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hackle.Cli.Pull;

/// <summary>
/// Writes a workspace config in one canonical form, so that a change in the dashboard is a small diff
/// in review and the same config always gives the same bytes, whatever order the server sent:
/// - object properties: "id", "key", "name" first, then the rest in ordinal order;
/// - top-level collections sorted by key (experiments, flags) or id (the others); nested arrays keep
///   their order, because rule and condition order is meaningful;
/// - two-space indentation, LF line ends, a trailing newline, non-ASCII text unescaped;
/// - numbers exactly as the server wrote them.
/// </summary>
internal static class CanonicalConfigWriter
{
    private static readonly string[] LeadingProperties = ["id", "key", "name"];

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Configs nest rules in conditions in targets; a generous but finite depth.
        MaxDepth = 256,
    };

    /// <summary>The canonical bytes of <paramref name="utf8Json"/> (which must be valid JSON).</summary>
    /// <param name="stripOverrides">Empties every <c>execution.userOverrides</c>: they hold real user ids.</param>
    public static byte[] Write(ReadOnlyMemory<byte> utf8Json, bool stripOverrides)
    {
        using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 256 });
        using var stream = new MemoryStream(utf8Json.Length + utf8Json.Length / 4);
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            WriteValue(writer, document.RootElement, Context.Root, stripOverrides);
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Where a value sits, as far as sorting and stripping care.</summary>
    private enum Context { Root, TopLevelCollection, Item, Execution, Other }

    private static void WriteValue(Utf8JsonWriter writer, JsonElement element, Context context, bool stripOverrides, string? collection = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, element, context, stripOverrides);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                var items = context == Context.TopLevelCollection ? SortCollection(element, collection!) : element.EnumerateArray();
                var itemContext = context == Context.TopLevelCollection && (collection is "experiments" or "featureFlags") ? Context.Item : Context.Other;
                foreach (var item in items) WriteValue(writer, item, itemContext, stripOverrides);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element, Context context, bool stripOverrides)
    {
        writer.WriteStartObject();
        foreach (var property in element.EnumerateObject().OrderBy(p => p, PropertyOrder.Instance))
        {
            writer.WritePropertyName(property.Name);
            if (stripOverrides && context == Context.Execution && property.Name == "userOverrides" && property.Value.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
                continue;
            }
            var childContext = context switch
            {
                Context.Root when property.Value.ValueKind == JsonValueKind.Array => Context.TopLevelCollection,
                Context.Item when property.Name == "execution" => Context.Execution,
                _ => Context.Other,
            };
            WriteValue(writer, property.Value, childContext, stripOverrides, property.Name);
        }
        writer.WriteEndObject();
    }

    /// <summary>Sorted by key or id, then id, then original position: stable, and items without the field go last.</summary>
    private static IEnumerable<JsonElement> SortCollection(JsonElement array, string collection)
    {
        // Keyed collections by key (what the SDK indexes them by), the others by id.
        var field = collection is "experiments" or "featureFlags" or "remoteConfigParameters" ? "key" : "id";
        return array.EnumerateArray()
            .Select((item, index) => (item, index))
            .OrderBy(x => SortKey(x.item, field), SortKeyComparer.Instance)
            .ThenBy(x => SortKey(x.item, "id"), SortKeyComparer.Instance)
            .ThenBy(x => x.index)
            .Select(x => x.item);
    }

    private static JsonElement? SortKey(JsonElement item, string field) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(field, out var value) ? value : null;

    /// <summary>Numbers before strings, numbers by value, strings ordinally, missing values last.</summary>
    private sealed class SortKeyComparer : IComparer<JsonElement?>
    {
        public static readonly SortKeyComparer Instance = new();

        public int Compare(JsonElement? x, JsonElement? y)
        {
            var rankX = Rank(x);
            var rankY = Rank(y);
            if (rankX != rankY) return rankX.CompareTo(rankY);
            return rankX switch
            {
                0 => CompareNumbers(x!.Value, y!.Value),
                1 => string.CompareOrdinal(x!.Value.GetString(), y!.Value.GetString()),
                _ => 0,
            };
        }

        private static int CompareNumbers(JsonElement x, JsonElement y) =>
            x.TryGetInt64(out var a) && y.TryGetInt64(out var b) ? a.CompareTo(b) : x.GetDouble().CompareTo(y.GetDouble());

        private static int Rank(JsonElement? value) => value?.ValueKind switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            _ => 2,
        };
    }

    private sealed class PropertyOrder : IComparer<JsonProperty>
    {
        public static readonly PropertyOrder Instance = new();

        public int Compare(JsonProperty x, JsonProperty y)
        {
            var leadX = Array.IndexOf(LeadingProperties, x.Name);
            var leadY = Array.IndexOf(LeadingProperties, y.Name);
            if (leadX >= 0 || leadY >= 0)
            {
                if (leadX < 0) return 1;
                if (leadY < 0) return -1;
                return leadX.CompareTo(leadY);
            }
            return string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
