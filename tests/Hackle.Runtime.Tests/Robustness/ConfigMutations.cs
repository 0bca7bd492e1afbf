using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hackle.Runtime.Tests.Robustness;

/// <summary>One mutated document: what was done to which seed, and the bytes.</summary>
internal sealed record Mutant(string Kind, string Name, byte[] Bytes)
{
    public override string ToString() => Kind + ": " + Name;
}

/// <summary>
/// Deterministic mutations of a valid config (the carried conformance workspaces, tests/TestData/manifests
/// and the repository's hackle.flags.json): truncation, wrong JSON types, huge arrays, 10,000-level nesting,
/// duplicate keys, invalid UTF-8 and byte-order marks. Every choice comes from a <see cref="Random"/> seeded
/// from the file name, so a failure names a mutant that is built again the same way on the next run.
/// </summary>
internal static class ConfigMutations
{
    public const int TruncationsPerFile = 64;
    public const int WrongTypesPerFile = 40;
    public const int HugeArrayLength = 100_000;
    public const int DeepNesting = 10_000;

    /// <summary>
    /// The documents the mutations start from (valid ones and the rejected examples), each content once:
    /// tests/TestData/manifests/hackle-sdk repeats the conformance workspaces.
    /// </summary>
    public static IReadOnlyList<string> SeedFiles()
    {
        var conformance = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "conformance"), "ws_*.json");
        var manifests = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "TestData", "manifests"), "*.json", SearchOption.AllDirectories);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return new[] { TestPaths.Manifest }.Concat(conformance.Concat(manifests).Order(StringComparer.Ordinal))
            .Where(f => seen.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))))
            .ToList();
    }

    public static string Relative(string path) => Path.GetRelativePath(TestPaths.RepoRoot, path).Replace('\\', '/');

    public static IEnumerable<Mutant> All(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var random = new Random(StableSeed(Relative(path)));
        return Truncations(bytes)
            .Concat(WrongTypes(bytes, random))
            .Concat(HugeArrays(bytes))
            .Concat(DeepNestings(bytes))
            .Concat(DuplicateKeys(bytes))
            .Concat(InvalidUtf8(bytes, random))
            .Concat(ByteOrderMarks(bytes));
    }

    /// <summary>The document cut at every Nth byte (about 64 cuts per file), the first byte and the last included.</summary>
    public static IEnumerable<Mutant> Truncations(byte[] bytes)
    {
        var step = Math.Max(1, bytes.Length / TruncationsPerFile);
        for (var length = 0; length < bytes.Length; length += step)
            yield return new Mutant("truncated", length + " of " + bytes.Length + " bytes", bytes.AsSpan(0, length).ToArray());
        yield return new Mutant("truncated", bytes.Length - 1 + " of " + bytes.Length + " bytes", bytes.AsSpan(0, bytes.Length - 1).ToArray());
    }

    /// <summary>One field at a time given a value of another JSON type (object for array, string for number, ...).</summary>
    public static IEnumerable<Mutant> WrongTypes(byte[] bytes, Random random)
    {
        if (Parse(bytes) is not JsonObject) yield break;
        var count = Fields(Parse(bytes)!).Count;
        if (count == 0) yield break;
        for (var i = 0; i < WrongTypesPerFile; i++)
        {
            var root = Parse(bytes)!;
            var (parent, name, value) = Fields(root)[random.Next(count)];
            var replacement = WrongTypeFor(value, random.Next(3));
            parent[name] = replacement;
            yield return new Mutant("wrong type", name + ": " + Kind(value) + " -> " + Kind(replacement), Serialize(root));
        }
    }

    /// <summary>The first top-level list replaced by 100,000 empty objects, the second by 100,000 numbers (two, to keep the run short).</summary>
    public static IEnumerable<Mutant> HugeArrays(byte[] bytes)
    {
        if (Parse(bytes) is not JsonObject first) yield break;
        var lists = first.Where(p => p.Value is JsonArray).Select(p => p.Key).Take(2).ToList();
        if (lists.Count > 0)
            yield return WithRaw(bytes, lists[0], "[" + string.Join(",", Enumerable.Repeat("{}", HugeArrayLength)) + "]", "huge array", lists[0] + ": " + HugeArrayLength + " empty objects");
        if (lists.Count > 1)
            yield return WithRaw(bytes, lists[1], "[" + string.Join(",", Enumerable.Range(0, HugeArrayLength)) + "]", "huge array", lists[1] + ": " + HugeArrayLength + " numbers");
    }

    /// <summary>10,000 nested arrays or objects: as the whole document, in place of a list, and in an unknown field.</summary>
    public static IEnumerable<Mutant> DeepNestings(byte[] bytes)
    {
        var arrays = new string('[', DeepNesting) + new string(']', DeepNesting);
        var objects = new StringBuilder().Insert(0, "{\"a\":", DeepNesting - 1).Append("{}").Append('}', DeepNesting - 1).ToString();
        yield return new Mutant("deep nesting", DeepNesting + " arrays as the document", Encoding.UTF8.GetBytes(arrays));
        yield return new Mutant("deep nesting", DeepNesting + " objects as the document", Encoding.UTF8.GetBytes(objects));
        if (Parse(bytes) is not JsonObject root) yield break;
        var list = root.Where(p => p.Value is JsonArray).Select(p => p.Key).FirstOrDefault();
        if (list != null) yield return WithRaw(bytes, list, arrays, "deep nesting", list + ": " + DeepNesting + " arrays");
        yield return WithRaw(bytes, "unknownField", objects, "deep nesting", "unknownField: " + DeepNesting + " objects");
    }

    /// <summary>Every object's first property written twice: once with the same value, once with a value of another type.</summary>
    public static IEnumerable<Mutant> DuplicateKeys(byte[] bytes)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes); }
        catch (JsonException) { yield break; }
        using (document)
        {
            yield return new Mutant("duplicate keys", "first property of every object repeated", Rewrite(document.RootElement, sameValue: true));
            yield return new Mutant("duplicate keys", "first property of every object repeated with another type", Rewrite(document.RootElement, sameValue: false));
        }
    }

    /// <summary>Malformed UTF-8 sequences (a stray continuation byte, 0xFF, a cut sequence, an overlong form, a surrogate) at random places.</summary>
    public static IEnumerable<Mutant> InvalidUtf8(byte[] bytes, Random random)
    {
        byte[][] sequences = { new byte[] { 0x80 }, new byte[] { 0xFF }, new byte[] { 0xC3 }, new byte[] { 0xC0, 0xAF }, new byte[] { 0xED, 0xA0, 0x80 }, new byte[] { 0xF4, 0x90, 0x80, 0x80 } };
        foreach (var sequence in sequences)
        {
            for (var i = 0; i < 2; i++)
            {
                var at = random.Next(bytes.Length + 1);
                var mutated = bytes.Take(at).Concat(sequence).Concat(bytes.Skip(at)).ToArray();
                yield return new Mutant("invalid UTF-8", BitConverter.ToString(sequence) + " at byte " + at, mutated);
            }
        }
        // Inside a string: the first key's name.
        var quote = Array.IndexOf(bytes, (byte)'"');
        if (quote >= 0)
            yield return new Mutant("invalid UTF-8", "0xFF inside the first string", bytes.Take(quote + 1).Append((byte)0xFF).Concat(bytes.Skip(quote + 1)).ToArray());
    }

    /// <summary>A UTF-8 byte-order mark once (valid), twice, and in the middle of the document.</summary>
    public static IEnumerable<Mutant> ByteOrderMarks(byte[] bytes)
    {
        byte[] bom = { 0xEF, 0xBB, 0xBF };
        var body = bytes.AsSpan().StartsWith(bom) ? bytes.Skip(3).ToArray() : bytes;
        yield return new Mutant("BOM", "one byte-order mark", bom.Concat(body).ToArray());
        yield return new Mutant("BOM", "two byte-order marks", bom.Concat(bom).Concat(body).ToArray());
        var middle = body.Length / 2;
        yield return new Mutant("BOM", "a byte-order mark at byte " + middle, body.Take(middle).Concat(bom).Concat(body.Skip(middle)).ToArray());
    }

    /// <summary>The length without trailing whitespace: a truncation shorter than this cuts into the JSON itself.</summary>
    public static int SignificantLength(byte[] bytes)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') end--;
        return end;
    }

    /// <summary>The document as nodes, or null when it is not JSON or repeats a key (nodes cannot hold that; edge/keys.json does it on purpose).</summary>
    private static JsonNode? Parse(byte[] bytes)
    {
        try
        {
            var root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            if (root != null) Fields(root);
            return root;
        }
        catch (Exception e) when (e is JsonException || e is ArgumentException) { return null; }
    }

    private static byte[] Serialize(JsonNode root) => Encoding.UTF8.GetBytes(root.ToJsonString());

    private static Mutant WithRaw(byte[] bytes, string property, string rawValue, string kind, string name)
    {
        var root = (JsonObject)Parse(bytes)!;
        const string Marker = "\"__hackle_mutation__\"";
        root[property] = "__hackle_mutation__";
        var text = root.ToJsonString().Replace(Marker, rawValue, StringComparison.Ordinal);
        return new Mutant(kind, name, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Every (object, property name, value) in document order.</summary>
    private static List<(JsonObject Parent, string Name, JsonNode? Value)> Fields(JsonNode root)
    {
        var fields = new List<(JsonObject, string, JsonNode?)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var p in o.ToList()) { fields.Add((o, p.Key, p.Value)); Walk(p.Value); }
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }
        Walk(root);
        return fields;
    }

    private static JsonNode? WrongTypeFor(JsonNode? value, int pick)
    {
        JsonNode?[] candidates = Kind(value) switch
        {
            "object" => new JsonNode?[] { new JsonArray(), JsonValue.Create("object"), JsonValue.Create(1) },
            "array" => new JsonNode?[] { new JsonObject(), JsonValue.Create("[]"), JsonValue.Create(0) },
            "string" => new JsonNode?[] { JsonValue.Create(1.5), new JsonObject(), JsonValue.Create(true) },
            "number" => new JsonNode?[] { JsonValue.Create("1"), new JsonArray(), JsonValue.Create(1e308) },
            "boolean" => new JsonNode?[] { JsonValue.Create("true"), JsonValue.Create(1), new JsonObject() },
            _ => new JsonNode?[] { new JsonArray(), JsonValue.Create(""), JsonValue.Create(-1) },
        };
        return candidates[pick];
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
        _ => "null",
    };

    private static byte[] Rewrite(JsonElement root, bool sameValue)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true, MaxDepth = 256 }))
            Write(writer, root, sameValue);
        return stream.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool sameValue)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, sameValue);
                    if (first)
                    {
                        writer.WritePropertyName(property.Name);
                        if (sameValue) Write(writer, property.Value, sameValue);
                        else if (property.Value.ValueKind == JsonValueKind.String) writer.WriteNumberValue(7);
                        else writer.WriteStringValue("duplicate");
                        first = false;
                    }
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item, sameValue);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>A seed that does not change between runs or machines (string.GetHashCode does).</summary>
    private static int StableSeed(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text) hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
