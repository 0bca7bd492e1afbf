using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;

namespace Hackle.Generators.Manifest
{
    /// <summary>A JSON syntax error: where it is and what was expected.</summary>
    internal sealed record JsonSyntaxError(int Position, int Length, string Message);

    /// <summary>
    /// A small strict JSON (RFC 8259) reader that keeps character offsets for every value and property
    /// name. It is hand-written rather than System.Text.Json because the generator must load inside any
    /// compiler host with no extra assemblies, and because diagnostics need character positions rather
    /// than UTF-8 byte offsets. It never throws on bad input (only on cancellation): the first syntax
    /// error is returned instead.
    /// </summary>
    internal sealed class JsonReader
    {
        // Far deeper than any workspace config; the limit keeps hostile input from exhausting the stack.
        private const int MaxDepth = Hackle.Manifest.WireText.MaxDepth;

        // Values read while skipping are checked but not kept: one shared node per kind stands for them all.
        private static readonly JsonNode[] s_skipped =
        {
            new JsonNode(JsonKind.Object, 0, 0), new JsonNode(JsonKind.Array, 0, 0), new JsonNode(JsonKind.String, 0, 0, ""),
            new JsonNode(JsonKind.Number, 0, 0, "0"), new JsonNode(JsonKind.True, 0, 0), new JsonNode(JsonKind.False, 0, 0),
            new JsonNode(JsonKind.Null, 0, 0),
        };

        private readonly string _text;
        private readonly CancellationToken _cancellationToken;
        private readonly System.Func<string, bool>? _keepRootProperty;
        // Property names repeat thousands of times ("id", "key", ...): the last name seen per slot is reused.
        private readonly string?[] _names = new string?[128];
        private bool _skipping;
        private int _pos;
        private int _values;
        private JsonSyntaxError? _error;

        private JsonReader(string text, CancellationToken cancellationToken, System.Func<string, bool>? keepRootProperty)
        {
            _text = text;
            _cancellationToken = cancellationToken;
            _keepRootProperty = keepRootProperty;
        }

        /// <summary>Parses a whole document; returns null and <paramref name="error"/> on the first syntax error.</summary>
        /// <param name="text">The document.</param>
        /// <param name="cancellationToken">Checked every 1,024 values.</param>
        /// <param name="error">The first syntax error, or null.</param>
        /// <param name="keepRootProperty">When set, the values of root-object properties it rejects are still checked
        /// for syntax but kept only as their kind and span (no properties, items or text): a manifest's buckets and
        /// segments are most of its size and no reader looks inside them.</param>
        public static JsonNode? Parse(string text, CancellationToken cancellationToken, out JsonSyntaxError? error,
            System.Func<string, bool>? keepRootProperty = null)
        {
            var reader = new JsonReader(text, cancellationToken, keepRootProperty);
            // A byte-order mark that survived decoding (e.g. from SourceText.From(string)) is skipped, as the runtime does.
            if (text.Length > 0 && text[0] == Hackle.Manifest.WireText.ByteOrderMark) reader._pos = 1;
            reader.SkipWhitespace();
            var root = reader.ReadValue(0);
            if (root != null)
            {
                reader.SkipWhitespace();
                if (reader._pos < text.Length)
                {
                    reader.Fail(reader._pos, 1, "unexpected " + reader.Describe(reader._pos) + " after the end of the JSON document");
                    root = null;
                }
            }
            error = reader._error;
            return root;
        }

        private JsonNode? ReadValue(int depth)
        {
            if ((++_values & 0x3FF) == 0) _cancellationToken.ThrowIfCancellationRequested();
            if (_pos >= _text.Length) return Fail(_pos, 0, "unexpected end of file; a value was expected");
            var c = _text[_pos];
            switch (c)
            {
                case '{': return depth >= MaxDepth ? TooDeep() : ReadObject(depth + 1);
                case '[': return depth >= MaxDepth ? TooDeep() : ReadArray(depth + 1);
                case '"':
                {
                    var start = _pos;
                    if (_skipping) return SkipString() ? s_skipped[(int)JsonKind.String] : null;
                    var s = ReadString();
                    return s is null ? null : new JsonNode(JsonKind.String, start, _pos - start, s);
                }
                case 't': return ReadLiteral("true", JsonKind.True);
                case 'f': return ReadLiteral("false", JsonKind.False);
                case 'n': return ReadLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    return Fail(_pos, 1, "unexpected " + Describe(_pos) + "; a value was expected");
            }
        }

        private JsonNode? TooDeep() => Fail(_pos, 1, "nesting is deeper than " + MaxDepth + " levels");

        private JsonNode? ReadObject(int depth)
        {
            var start = _pos++;
            var properties = _skipping ? null : new List<JsonProperty>();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return _skipping ? s_skipped[(int)JsonKind.Object] : new JsonNode(JsonKind.Object, start, _pos - start, properties: properties);
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    return _pos >= _text.Length
                        ? Fail(_pos, 0, "unexpected end of file; the object starting at " + Where(start) + " is not closed")
                        : Fail(_pos, 1, "unexpected " + Describe(_pos) + "; a property name in double quotes was expected");
                }
                var nameStart = _pos;
                var name = _skipping ? (SkipString() ? "" : null) : ReadName();
                if (name is null) return null;
                var nameLength = _pos - nameStart;
                SkipWhitespace();
                if (Peek() != ':') return Expected("':' after the property name");
                _pos++;
                SkipWhitespace();
                var skip = !_skipping && depth == 1 && _keepRootProperty != null && !_keepRootProperty(name);
                var valueStart = _pos;
                if (skip) _skipping = true;
                var value = ReadValue(depth);
                if (skip) _skipping = false;
                if (value is null) return null;
                if (skip) value = new JsonNode(value.Kind, valueStart, _pos - valueStart);
                properties?.Add(new JsonProperty(name, nameStart, nameLength, value));
                SkipWhitespace();
                var next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }
                if (next == '}')
                {
                    _pos++;
                    return _skipping ? s_skipped[(int)JsonKind.Object] : new JsonNode(JsonKind.Object, start, _pos - start, properties: properties);
                }
                return _pos >= _text.Length
                    ? Fail(_pos, 0, "unexpected end of file; the object starting at " + Where(start) + " is not closed")
                    : Expected("',' or '}' after a property value");
            }
        }

        private JsonNode? ReadArray(int depth)
        {
            var start = _pos++;
            var items = _skipping ? null : new List<JsonNode>();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return _skipping ? s_skipped[(int)JsonKind.Array] : new JsonNode(JsonKind.Array, start, _pos - start, items: items);
            }
            while (true)
            {
                SkipWhitespace();
                var item = ReadValue(depth);
                if (item is null) return null;
                items?.Add(item);
                SkipWhitespace();
                var next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }
                if (next == ']')
                {
                    _pos++;
                    return _skipping ? s_skipped[(int)JsonKind.Array] : new JsonNode(JsonKind.Array, start, _pos - start, items: items);
                }
                return _pos >= _text.Length
                    ? Fail(_pos, 0, "unexpected end of file; the array starting at " + Where(start) + " is not closed")
                    : Expected("',' or ']' after an array item");
            }
        }

        /// <summary>Reads a property name; a name without escapes equal to the last one in its cache slot is reused.</summary>
        private string? ReadName()
        {
            var text = _text;
            var start = _pos + 1;
            var i = start;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    var length = i - start;
                    var slot = (length * 31 + (length > 0 ? text[start] * 7 + text[i - 1] : 0)) & (_names.Length - 1);
                    var cached = _names[slot];
                    if (cached != null && cached.Length == length && string.CompareOrdinal(text, start, cached, 0, length) == 0)
                    {
                        _pos = i + 1;
                        return cached;
                    }
                    var name = ReadString();
                    _names[slot] = name;
                    return name;
                }
                if (c == '\\' || c < ' ') break;
                i++;
            }
            return ReadString();
        }

        /// <summary>Checks a string token at the opening quote without keeping its value; false on a syntax error.</summary>
        private bool SkipString()
        {
            var text = _text;
            var i = _pos + 1;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    _pos = i + 1;
                    return true;
                }
                if (c == '\\' || c < ' ') return ReadString() != null;
                i++;
            }
            return ReadString() != null;
        }

        /// <summary>Reads a string token at the opening quote and returns its decoded value.</summary>
        private string? ReadString()
        {
            var start = _pos;
            var text = _text;
            var i = _pos + 1;
            // Fast path: no escapes, so the value is a plain substring.
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    _pos = i + 1;
                    return text.Substring(start + 1, i - start - 1);
                }
                if (c == '\\' || c < ' ') break;
                i++;
            }

            var builder = new StringBuilder(text, start + 1, i - start - 1, i - start + 16);
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '"')
                {
                    _pos = i + 1;
                    return builder.ToString();
                }
                if (c < ' ')
                {
                    Fail(i, 1, "a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") must be escaped inside a string");
                    return null;
                }
                if (c != '\\')
                {
                    builder.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= text.Length) break;
                var e = text[i + 1];
                switch (e)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (i + 6 > text.Length || !IsHex(text, i + 2))
                        {
                            Fail(i, 2, "'\\u' must be followed by four hexadecimal digits");
                            return null;
                        }
                        builder.Append((char)int.Parse(text.Substring(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    default:
                        Fail(i, 2, "invalid escape sequence '\\" + e + "'");
                        return null;
                }
                i += 2;
            }
            Fail(text.Length, 0, "unexpected end of file; the string starting at " + Where(start) + " is not closed");
            return null;
        }

        private static bool IsHex(string text, int at)
        {
            for (var k = at; k < at + 4; k++)
            {
                var c = text[k];
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            }
            return true;
        }

        private JsonNode? ReadNumber()
        {
            var start = _pos;
            var text = _text;
            var i = _pos;
            if (text[i] == '-') i++;
            if (i < text.Length && text[i] == '0')
            {
                i++;
            }
            else if (i < text.Length && text[i] >= '1' && text[i] <= '9')
            {
                while (i < text.Length && IsDigit(text[i])) i++;
            }
            else
            {
                return Fail(start, i - start + 1, "invalid number: a digit must follow '-'");
            }
            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (i >= text.Length || !IsDigit(text[i])) return Fail(start, i - start, "invalid number: a digit must follow the decimal point");
                while (i < text.Length && IsDigit(text[i])) i++;
            }
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                if (i >= text.Length || !IsDigit(text[i])) return Fail(start, i - start, "invalid number: the exponent has no digits");
                while (i < text.Length && IsDigit(text[i])) i++;
            }
            if (i < text.Length && (IsDigit(text[i]) || char.IsLetter(text[i]) || text[i] == '.'))
            {
                return Fail(start, i - start + 1, "invalid number '" + text.Substring(start, i - start + 1) + "'");
            }
            _pos = i;
            return _skipping ? s_skipped[(int)JsonKind.Number] : new JsonNode(JsonKind.Number, start, i - start, text.Substring(start, i - start));
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private JsonNode? ReadLiteral(string literal, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                return Fail(_pos, 1, "unexpected " + Describe(_pos) + "; a value was expected");
            }
            var start = _pos;
            _pos += literal.Length;
            if (_pos < _text.Length && char.IsLetterOrDigit(_text[_pos]))
            {
                return Fail(start, _pos - start + 1, "unexpected " + Describe(start) + "; a value was expected");
            }
            return _skipping ? s_skipped[(int)kind] : new JsonNode(kind, start, literal.Length);
        }

        private void SkipWhitespace()
        {
            var text = _text;
            var i = _pos;
            while (i < text.Length)
            {
                var c = text[i];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
                i++;
            }
            _pos = i;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private JsonNode? Expected(string what) =>
            Fail(_pos, _pos < _text.Length ? 1 : 0, (_pos < _text.Length ? "unexpected " + Describe(_pos) : "unexpected end of file") + "; " + what + " was expected");

        private string Describe(int position)
        {
            if (position >= _text.Length) return "end of file";
            var c = _text[position];
            if (c == '/' && position + 1 < _text.Length && (_text[position + 1] == '/' || _text[position + 1] == '*'))
                return "comment (JSON has no comments)";
            if (c < ' ' || c > '~') return "character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
            return "character '" + c + "'";
        }

        /// <summary>Names where an unclosed token began (1-based), for the message; the diagnostic's own
        /// location points at the end of the file.</summary>
        private string Where(int position)
        {
            int line = 1, column = 1;
            for (var i = 0; i < position; i++)
            {
                var c = _text[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
                {
                    line++;
                    column = 1;
                }
                else if (c != '\r')
                {
                    column++;
                }
            }
            return "line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture);
        }

        private JsonNode? Fail(int position, int length, string message)
        {
            if (_error is null)
            {
                if (position > _text.Length) position = _text.Length;
                if (position + length > _text.Length) length = _text.Length - position;
                _error = new JsonSyntaxError(position, length, message);
            }
            return null;
        }
    }
}
