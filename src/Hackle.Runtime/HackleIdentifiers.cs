using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;
using Hackle.Internal;

namespace Hackle
{
    /// <summary>
    /// Custom identifiers of a user (identifier type to value), validated as Hackle's SDKs do: the type
    /// has at most 128 characters, the value at most 512 and is not blank. At most 128 custom identifiers
    /// are kept (Hackle's SDKs set no count limit; this SDK bounds what one event carries). Invalid entries
    /// are dropped and counted (<see cref="DroppedCount"/>, and <c>hackle.inputs.dropped</c> by cause).
    /// </summary>
    public sealed class HackleIdentifiers : IReadOnlyDictionary<string, string>
    {
        /// <summary>The longest identifier type kept, in UTF-16 characters.</summary>
        public const int MaxTypeLength = 128;
        /// <summary>The longest identifier value kept, in UTF-16 characters.</summary>
        public const int MaxValueLength = 512;
        /// <summary>The largest number of custom identifiers kept; further types are ignored.</summary>
        public const int MaxCount = 128;

        /// <summary>What a user that never touched its identifiers reads as; internal code only reads it.</summary>
        internal static readonly HackleIdentifiers Empty = new HackleIdentifiers();

        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);
        private int _dropped;
        private int _version;

        /// <summary>How many entries were dropped because they were invalid or over <see cref="MaxCount"/>.</summary>
        public int DroppedCount => _dropped;

        /// <summary>Gets the value of an identifier type, or sets it when valid.</summary>
        public string this[string type]
        {
            get => _values[type];
            set => Set(type, value);
        }

        /// <summary>Adds or replaces an identifier; an invalid one is dropped.</summary>
        public void Add(string type, string? value) => Set(type, value);

        /// <summary>Adds or replaces an identifier; returns false when it was dropped.</summary>
        public bool Set(string type, string? value)
        {
            if (type is null || type.Length > MaxTypeLength || !IsValidValue(value)) return Drop(InputDrops.IdentifierInvalid);
            if (!_values.ContainsKey(type) && _values.Count >= MaxCount) return Drop(InputDrops.IdentifierCountLimit);
            _values[type] = value!;
            // Counted after the change is made: a walk that read Version before and after saw one state.
            Volatile.Write(ref _version, unchecked(_version + 1));
            return true;
        }

        private bool Drop(int cause)
        {
            _dropped++;
            InputDrops.Add(cause);
            return false;
        }

        /// <summary>Counts the changes (see <see cref="HackleUser.Version"/>).</summary>
        internal int Version => Volatile.Read(ref _version);

        /// <summary>True for a value Hackle accepts as an identifier: not null, not blank, at most 512 characters.</summary>
        public static bool IsValidValue(string? value)
        {
            if (value is null || value.Length > MaxValueLength) return false;
            for (var i = 0; i < value.Length; i++)
            {
                // Java's isBlank: every char is whitespace.
                if (!char.IsWhiteSpace(value[i])) return true;
            }
            return false;
        }

        /// <inheritdoc />
        public int Count => _values.Count;
        /// <inheritdoc />
        public IEnumerable<string> Keys => _values.Keys;
        /// <inheritdoc />
        public IEnumerable<string> Values => _values.Values;
        /// <inheritdoc />
        public bool ContainsKey(string key) => _values.ContainsKey(key);
        /// <inheritdoc />
        public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        /// <inheritdoc />
        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();

        /// <summary>The entries without boxing an enumerator, for walks on the event path that must not allocate.</summary>
        internal Dictionary<string, string>.Enumerator GetStructEnumerator() => _values.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => _values.GetEnumerator();
    }
}
