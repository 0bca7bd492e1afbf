using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hackle.Manifest;

namespace Hackle.Internal.Config
{
    /// <summary>
    /// Integer fields read under <see cref="WireInteger"/>'s rule, the one the generator applies too: a
    /// plain integer takes the fast path; "42", 42.0 and other integral forms go through the shared rule;
    /// anything else throws, which drops the entity. Null is 0 (nullable fields stay null).
    /// </summary>
    internal sealed class WireInt64Converter : JsonConverter<long>
    {
        public override bool HandleNull => true;

        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var value)) return value;
                    if (WireInteger.TryParseInt64(WireIntegerText.Of(ref reader), out value)) return value;
                    break;
                case JsonTokenType.String:
                    if (WireInteger.TryParseInt64(reader.GetString(), out value)) return value;
                    break;
                case JsonTokenType.Null:
                    return 0;
            }
            // No message: the serializer then says which type was expected and adds the JSON path.
            throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>32-bit integer fields, under the same rule as <see cref="WireInt64Converter"/>.</summary>
    internal sealed class WireInt32Converter : JsonConverter<int>
    {
        public override bool HandleNull => true;

        public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    if (reader.TryGetInt32(out var value)) return value;
                    if (WireInteger.TryParseInt32(WireIntegerText.Of(ref reader), out value)) return value;
                    break;
                case JsonTokenType.String:
                    if (WireInteger.TryParseInt32(reader.GetString(), out value)) return value;
                    break;
                case JsonTokenType.Null:
                    return 0;
            }
            throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    internal static class WireIntegerText
    {
        /// <summary>The raw text of a number token (never escaped); only reached for non-plain integers.</summary>
        public static string Of(ref Utf8JsonReader reader) =>
            Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
    }
}
