using System;
using System.Collections;
using System.Collections.Generic;

namespace Hackle.Generators.Manifest
{
    /// <summary>
    /// An immutable array compared by content, so that pipeline models holding lists stay equal across runs
    /// and the incremental generator can cache them (plain arrays compare by reference).
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
        where T : IEquatable<T>
    {
        /// <summary>The empty array.</summary>
        public static readonly EquatableArray<T> Empty = new EquatableArray<T>(Array.Empty<T>());

        private readonly T[]? _items;

        /// <summary>Wraps <paramref name="items"/>; the caller must not change the array afterwards.</summary>
        public EquatableArray(T[] items) => _items = items;

        /// <summary>Copies <paramref name="items"/>.</summary>
        public static EquatableArray<T> From(IEnumerable<T> items) => new EquatableArray<T>(new List<T>(items).ToArray());

        /// <summary>The number of items.</summary>
        public int Count => _items?.Length ?? 0;

        /// <summary>The item at <paramref name="index"/>.</summary>
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <inheritdoc />
        public bool Equals(EquatableArray<T> other)
        {
            var left = _items ?? Array.Empty<T>();
            var right = other._items ?? Array.Empty<T>();
            if (ReferenceEquals(left, right)) return true;
            if (left.Length != right.Length) return false;
            var comparer = EqualityComparer<T>.Default;
            for (var i = 0; i < left.Length; i++)
            {
                if (!comparer.Equals(left[i], right[i])) return false;
            }
            return true;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            var items = _items ?? Array.Empty<T>();
            var hash = 17;
            var comparer = EqualityComparer<T>.Default;
            for (var i = 0; i < items.Length; i++)
            {
                hash = unchecked(hash * 31 + (items[i] is null ? 0 : comparer.GetHashCode(items[i])));
            }
            return hash;
        }

        /// <summary>Content equality.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Content inequality.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
