using System;
using System.Collections.Generic;

namespace Hackle.Generators.Manifest
{
    /// <summary>The kinds of JSON value.</summary>
    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A JSON value with its position in the text. Objects keep every property in document order,
    /// duplicates included, so the manifest reader can report them. A short-lived parse tree: it never
    /// enters a pipeline model.
    /// </summary>
    internal sealed class JsonNode
    {
        private static readonly List<JsonProperty> s_noProperties = new List<JsonProperty>();
        private static readonly List<JsonNode> s_noItems = new List<JsonNode>();

        public JsonNode(JsonKind kind, int start, int length, string? text = null,
            List<JsonProperty>? properties = null, List<JsonNode>? items = null)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Text = text;
            Properties = properties ?? s_noProperties;
            Items = items ?? s_noItems;
        }

        public JsonKind Kind { get; }

        /// <summary>Offset of the first character of the value.</summary>
        public int Start { get; }

        /// <summary>Length of the value in characters.</summary>
        public int Length { get; }

        /// <summary>The decoded string, or the raw number text; null for other kinds.</summary>
        public string? Text { get; }

        /// <summary>The properties of an object, in document order; empty for other kinds.</summary>
        public List<JsonProperty> Properties { get; }

        /// <summary>The items of an array; empty for other kinds.</summary>
        public List<JsonNode> Items { get; }

        /// <summary>The value of the last property named <paramref name="name"/> (last wins, as in the SDKs' parsers).</summary>
        public JsonNode? Get(string name)
        {
            var properties = Properties;
            for (var i = properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(properties[i].Name, name, StringComparison.Ordinal)) return properties[i].Value;
            }
            return null;
        }

        /// <summary>The string value of property <paramref name="name"/>, or null when it is absent or not a string.</summary>
        public string? GetString(string name)
        {
            var value = Get(name);
            return value != null && value.Kind == JsonKind.String ? value.Text : null;
        }
    }

    /// <summary>A property of a JSON object, with the position of its name.</summary>
    internal sealed class JsonProperty
    {
        public JsonProperty(string name, int nameStart, int nameLength, JsonNode value)
        {
            Name = name;
            NameStart = nameStart;
            NameLength = nameLength;
            Value = value;
        }

        public string Name { get; }

        /// <summary>Offset of the opening quote of the name.</summary>
        public int NameStart { get; }

        /// <summary>Length of the name token, quotes included.</summary>
        public int NameLength { get; }

        public JsonNode Value { get; }
    }
}
