using System.Text.Json;

namespace Hackle.Internal.Config
{
    /// <summary>Raw JSON that is not a string, number or boolean (an object or an array), kept as text.</summary>
    internal sealed class RawJson
    {
        public RawJson(string text) => Text = text;

        public string Text { get; }

        public override string ToString() => Text;
    }

    internal static class JsonValues
    {
        /// <summary>
        /// Untyped config values as Java's Gson sees them: every number is a double, strings and
        /// booleans stay, null stays null, objects and arrays become <see cref="RawJson"/>.
        /// </summary>
        public static object? ToObject(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Object => new RawJson(element.GetRawText()),
            JsonValueKind.Array => new RawJson(element.GetRawText()),
            _ => null,
        };
    }
}
