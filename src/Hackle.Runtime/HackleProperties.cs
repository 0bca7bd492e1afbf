using System;
using System.Collections;
using System.Collections.Generic;

namespace Hackle
{
    /// <summary>
    /// Properties of a user or an event, validated as Hackle's SDKs do: at most 128 entries, keys of
    /// at most 128 characters, values that are strings (up to 1024 characters), numbers, booleans or
    /// collections of strings and numbers. Invalid entries are dropped, never thrown.
    /// </summary>
    /// <remarks>Use it with a collection initializer: <c>Properties = { ["age"] = 30, ["grade"] = "GOLD" }</c>.</remarks>
    public sealed class HackleProperties : IReadOnlyDictionary<string, object>
    {
        /// <summary>The largest number of properties kept; further keys are ignored.</summary>
        public const int MaxCount = 128;
        /// <summary>The longest property key kept, in UTF-16 characters.</summary>
        public const int MaxKeyLength = 128;
        /// <summary>The longest string value kept, in UTF-16 characters.</summary>
        public const int MaxStringLength = 1024;

        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.Ordinal);
        private int _dropped;

        /// <summary>How many entries were dropped because they broke a limit or had an unsupported value.</summary>
        public int DroppedCount => _dropped;

        /// <summary>Gets the value of <paramref name="key"/>, or sets it when it is valid (see the type's remarks).</summary>
        public object this[string key]
        {
            get => _values[key];
            set => Set(key, value);
        }

        /// <summary>Adds or replaces a property; an invalid key or value is dropped and counted.</summary>
        public void Add(string key, object? value) => Set(key, value);

        /// <summary>Adds or replaces a property; returns false when the entry was dropped.</summary>
        public bool Set(string key, object? value)
        {
            if (key is null || key.Length > MaxKeyLength || value is null) { _dropped++; return false; }
            if (!_values.ContainsKey(key) && _values.Count >= MaxCount) { _dropped++; return false; }
            var normalized = Normalize(value, allowAnyType: key.Length > 0 && key[0] == '$');
            if (normalized is null) { _dropped++; return false; }
            _values[key] = normalized;
            return true;
        }

        /// <summary>Removes a property.</summary>
        public bool Remove(string key) => _values.Remove(key);

        /// <inheritdoc />
        public int Count => _values.Count;
        /// <inheritdoc />
        public IEnumerable<string> Keys => _values.Keys;
        /// <inheritdoc />
        public IEnumerable<object> Values => _values.Values;
        /// <inheritdoc />
        public bool ContainsKey(string key) => _values.ContainsKey(key);
        /// <inheritdoc />
        public bool TryGetValue(string key, out object value) => _values.TryGetValue(key, out value!);
        /// <inheritdoc />
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

        /// <summary>
        /// Maps a value onto the supported set: strings, <see cref="long"/> for integers, <see cref="double"/>
        /// for other numbers, <see cref="bool"/>, and <c>object[]</c> of strings and numbers for collections.
        /// Returns null when the value must be dropped.
        /// </summary>
        internal static object? Normalize(object value, bool allowAnyType)
        {
            switch (value)
            {
                case string s: return s.Length <= MaxStringLength ? s : (allowAnyType ? s : null);
                case bool _: return value;
                case long _: case double _: return value;
                case int i: return (long)i;
                case short sh: return (long)sh;
                case sbyte sb: return (long)sb;
                case byte b: return (long)b;
                case ushort us: return (long)us;
                case uint ui: return (long)ui;
                case ulong ul: return ul <= long.MaxValue ? (object)(long)ul : (double)ul;
                case float f: return (double)f;
                case decimal m: return (double)m;
                case IEnumerable sequence:
                    var items = new List<object>();
                    foreach (var item in sequence)
                    {
                        if (item is null || item is bool) continue;
                        var element = Normalize(item, allowAnyType: false);
                        if (element is string || element is long || element is double) items.Add(element);
                    }
                    return items.ToArray();
                default:
                    // Hackle keeps '$'-prefixed system properties whatever their type.
                    return allowAnyType ? value : null;
            }
        }
    }
}
