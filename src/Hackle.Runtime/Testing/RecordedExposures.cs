using System.Collections;
using System.Collections.Generic;

namespace Hackle.Testing
{
    /// <summary>
    /// Exposure events a <see cref="HackleTestClient"/> recorded, in order, exactly as the real client would send them.
    /// A snapshot: later decisions do not change it. Narrow it with <see cref="For"/> and <see cref="ForUser"/>, count
    /// with <see cref="CountOf"/> or <see cref="CountsByVariation"/>.
    /// </summary>
    public sealed class RecordedExposures : IReadOnlyList<ExposureEvent>
    {
        private readonly List<ExposureEvent> _events;

        internal RecordedExposures(List<ExposureEvent> events) => _events = events;

        /// <inheritdoc />
        public int Count => _events.Count;

        /// <inheritdoc />
        public ExposureEvent this[int index] => _events[index];

        /// <summary>The exposures of one experiment or feature flag.</summary>
        /// <param name="experimentKey">The experiment or flag key.</param>
        /// <returns>The matching exposures, in order.</returns>
        public RecordedExposures For(long experimentKey)
        {
            var matching = new List<ExposureEvent>();
            foreach (var e in _events)
            {
                if (e.ExperimentKey == experimentKey) matching.Add(e);
            }
            return new RecordedExposures(matching);
        }

        /// <summary>The exposures of one user, matched on the user's id, user id or device id.</summary>
        /// <param name="id">The identifier.</param>
        /// <returns>The matching exposures, in order.</returns>
        public RecordedExposures ForUser(string id)
        {
            var matching = new List<ExposureEvent>();
            foreach (var e in _events)
            {
                if (RecordedUsers.Matches(e.User, id)) matching.Add(e);
            }
            return new RecordedExposures(matching);
        }

        /// <summary>How many of these exposures are of <paramref name="variationKey"/> ("A".."J").</summary>
        /// <param name="variationKey">The variation key.</param>
        /// <returns>The count.</returns>
        public int CountOf(string variationKey)
        {
            var count = 0;
            foreach (var e in _events)
            {
                if (e.VariationKey == variationKey) count++;
            }
            return count;
        }

        /// <summary>How many of these exposures there are per variation key, e.g. { "A": 3, "B": 1 }.</summary>
        /// <returns>The counts; variations never exposed are absent.</returns>
        public IReadOnlyDictionary<string, int> CountsByVariation()
        {
            var counts = new SortedDictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var e in _events)
            {
                counts.TryGetValue(e.VariationKey, out var n);
                counts[e.VariationKey] = n + 1;
            }
            return counts;
        }

        /// <inheritdoc />
        public IEnumerator<ExposureEvent> GetEnumerator() => _events.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
