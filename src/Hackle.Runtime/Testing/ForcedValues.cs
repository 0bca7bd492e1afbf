using System;
using System.Collections.Generic;

namespace Hackle.Testing
{
    /// <summary>
    /// The values a test forced, by key. A force for a user or a predicate beats a force for everyone; among forces of
    /// the same kind the latest wins. Writers copy the list under a lock and publish it; readers take no lock.
    /// </summary>
    /// <typeparam name="TKey">The item key: a long for experiments and flags, a string for parameters.</typeparam>
    internal sealed class ForcedValues<TKey> where TKey : notnull
    {
        private readonly object _lock = new object();
        private readonly IEqualityComparer<TKey>? _comparer;
        private volatile Dictionary<TKey, Force[]> _forces;

        public ForcedValues(IEqualityComparer<TKey>? comparer = null)
        {
            _comparer = comparer;
            _forces = new Dictionary<TKey, Force[]>(comparer);
        }

        /// <summary>Adds a force; <paramref name="when"/> null means everyone.</summary>
        public void Add(TKey key, object value, Func<HackleUser, bool>? when)
        {
            lock (_lock)
            {
                var next = new Dictionary<TKey, Force[]>(_forces, _comparer);
                next.TryGetValue(key, out var existing);
                var forces = new Force[(existing?.Length ?? 0) + 1];
                existing?.CopyTo(forces, 0);
                forces[forces.Length - 1] = new Force(value, when);
                next[key] = forces;
                _forces = next;
            }
        }

        /// <summary>Forgets the forces of one key.</summary>
        public void Remove(TKey key)
        {
            lock (_lock)
            {
                if (!_forces.ContainsKey(key)) return;
                var next = new Dictionary<TKey, Force[]>(_forces, _comparer);
                next.Remove(key);
                _forces = next;
            }
        }

        /// <summary>Forgets every force.</summary>
        public void Clear()
        {
            lock (_lock) _forces = new Dictionary<TKey, Force[]>(_comparer);
        }

        /// <summary>
        /// The value forced for <paramref name="user"/>, if any. A predicate that throws is treated as not matching,
        /// so a broken test helper cannot crash the code under test; <paramref name="error"/> says what it threw.
        /// </summary>
        public bool TryGet(TKey key, HackleUser user, out object? value, out Exception? error)
        {
            value = null;
            error = null;
            if (!_forces.TryGetValue(key, out var forces)) return false;
            object? forEveryone = null;
            var hasForEveryone = false;
            for (var i = forces.Length - 1; i >= 0; i--)
            {
                var force = forces[i];
                if (force.When is null)
                {
                    if (!hasForEveryone) { forEveryone = force.Value; hasForEveryone = true; }
                    continue;
                }
                bool matches;
                try
                {
                    matches = force.When(user);
                }
                catch (Exception e)
                {
                    error ??= e;
                    matches = false;
                }
                if (matches) { value = force.Value; return true; }
            }
            value = forEveryone;
            return hasForEveryone;
        }

        private readonly struct Force
        {
            public Force(object value, Func<HackleUser, bool>? when)
            {
                Value = value;
                When = when;
            }

            public object Value { get; }
            public Func<HackleUser, bool>? When { get; }
        }
    }
}
