using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Hackle.Internal;

namespace Hackle
{
    /// <summary>
    /// Properties of a user or an event, validated as Hackle's SDKs do: at most 128 entries, keys of
    /// at most 128 characters, values that are strings (up to 1024 characters), numbers, booleans or
    /// collections of strings and numbers (at most 128 elements, nested collections left out). Invalid
    /// entries are dropped, never thrown: <see cref="DroppedCount"/> counts them here, and the counter
    /// <c>hackle.inputs.dropped</c> (Meter "Hackle") counts them by cause for the whole process.
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
        /// <summary>
        /// The longest string value kept under a <c>$</c> system key, in UTF-16 characters. Hackle's SDKs
        /// keep such values whatever their size; this SDK bounds them so one event cannot carry megabytes.
        /// </summary>
        public const int MaxSystemStringLength = 8192;
        /// <summary>
        /// The most elements a collection value may have (counting those left out); a longer one, or an
        /// endless sequence, is dropped. Hackle's SDKs set no limit; this SDK bounds what one event carries.
        /// </summary>
        public const int MaxCollectionLength = 128;

        /// <summary>What a user that never touched its properties reads as; internal code only reads it.</summary>
        internal static readonly HackleProperties Empty = new HackleProperties();

        private readonly Dictionary<string, object> _values = new Dictionary<string, object>(StringComparer.Ordinal);
        private int _dropped;
        private int _version;

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
            if (key is null || key.Length > MaxKeyLength) return Drop(InputDrops.PropertyKeyInvalid);
            if (value is null) return Drop(InputDrops.PropertyValueUnsupported);
            if (!_values.ContainsKey(key) && _values.Count >= MaxCount) return Drop(InputDrops.PropertyCountLimit);
            var normalized = Normalize(value, isSystem: key.Length > 0 && key[0] == '$', out var cause);
            if (normalized is null) return Drop(cause);
            _values[key] = normalized;
            Changed();
            return true;
        }

        private bool Drop(int cause)
        {
            _dropped++;
            InputDrops.Add(cause);
            return false;
        }

        /// <summary>Removes a property.</summary>
        public bool Remove(string key)
        {
            if (!_values.Remove(key)) return false;
            Changed();
            return true;
        }

        /// <summary>Counts the changes, after each is made: a walk that read <see cref="Version"/> before and after saw one state.</summary>
        internal int Version => Volatile.Read(ref _version);

        private void Changed() => Volatile.Write(ref _version, unchecked(_version + 1));

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

        /// <summary>The entries without boxing an enumerator, for walks on the event path that must not allocate.</summary>
        internal Dictionary<string, object>.Enumerator GetStructEnumerator() => _values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();

        /// <summary>
        /// Maps a value onto the supported set: strings, <see cref="long"/> for integers, <see cref="double"/>
        /// for other numbers, <see cref="bool"/>, and <c>object[]</c> of strings and numbers for collections.
        /// Returns null, with the cause in <paramref name="cause"/>, when the value must be dropped.
        /// </summary>
        internal static object? Normalize(object value, bool isSystem, out int cause)
        {
            cause = InputDrops.PropertyValueUnsupported;
            switch (value)
            {
                case string s:
                    if (s.Length <= MaxStringLength) return s;
                    // Hackle keeps '$' system properties as they are; only the size is bounded here.
                    if (isSystem && s.Length <= MaxSystemStringLength) return s;
                    cause = isSystem ? InputDrops.SystemStringTooLong : InputDrops.PropertyStringTooLong;
                    return null;
                case bool _:
                    return value;
                case IEnumerable sequence:
                    return NormalizeCollection(sequence, out cause);
                default:
                    // Hackle keeps '$'-prefixed system properties whatever their type.
                    return NormalizeNumber(value) ?? (isSystem ? value : null);
            }
        }

        private static object? NormalizeNumber(object value)
        {
            switch (value)
            {
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
                default: return null;
            }
        }

        /// <summary>
        /// Keeps the string and number elements of a collection (docs/protocol.md §6). Elements are never walked into:
        /// a nested collection is skipped, so a cycle or a 100,000-level nesting costs one step. At most
        /// <see cref="MaxCollectionLength"/> elements are read, so an endless sequence cannot hang the
        /// caller, and a sequence that throws is dropped rather than thrown.
        /// </summary>
        private static object[]? NormalizeCollection(IEnumerable sequence, out int cause)
        {
            cause = InputDrops.CollectionTooLong;
            if (sequence is ICollection collection && collection.Count > MaxCollectionLength) return null;
            var items = new List<object>();
            var read = 0;
            try
            {
                foreach (var item in sequence)
                {
                    if (++read > MaxCollectionLength) return null;
                    if (item is string s)
                    {
                        if (s.Length <= MaxStringLength) items.Add(s);
                    }
                    else if (item != null && NormalizeNumber(item) is object number)
                    {
                        items.Add(number);
                    }
                    else if (item is IEnumerable)
                    {
                        InputDrops.Add(InputDrops.NestedCollection);
                    }
                    // Nulls, booleans and other types are left out, as in Hackle's SDKs.
                }
            }
            catch (Exception)
            {
                // A user's collection may throw from MoveNext, Current or Dispose; that must not reach the caller.
                cause = InputDrops.CollectionFailed;
                return null;
            }
            return items.ToArray();
        }
    }
}
