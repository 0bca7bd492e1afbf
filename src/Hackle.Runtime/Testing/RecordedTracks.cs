using System.Collections;
using System.Collections.Generic;

namespace Hackle.Testing
{
    /// <summary>
    /// Events a <see cref="HackleTestClient"/> recorded from <see cref="IHackleClient.Track"/>, in order, exactly as the
    /// real client would send them. A snapshot: later calls do not change it.
    /// </summary>
    public sealed class RecordedTracks : IReadOnlyList<TrackEvent>
    {
        private readonly List<TrackEvent> _events;

        internal RecordedTracks(List<TrackEvent> events) => _events = events;

        /// <inheritdoc />
        public int Count => _events.Count;

        /// <inheritdoc />
        public TrackEvent this[int index] => _events[index];

        /// <summary>The tracked events with key <paramref name="eventKey"/>.</summary>
        /// <param name="eventKey">The event key, e.g. "purchase".</param>
        /// <returns>The matching events, in order.</returns>
        public RecordedTracks For(string eventKey)
        {
            var matching = new List<TrackEvent>();
            foreach (var e in _events)
            {
                if (e.Event.Key == eventKey) matching.Add(e);
            }
            return new RecordedTracks(matching);
        }

        /// <summary>The events tracked for one user, matched on the user's id, user id or device id.</summary>
        /// <param name="id">The identifier.</param>
        /// <returns>The matching events, in order.</returns>
        public RecordedTracks ForUser(string id)
        {
            var matching = new List<TrackEvent>();
            foreach (var e in _events)
            {
                if (RecordedUsers.Matches(e.User, id)) matching.Add(e);
            }
            return new RecordedTracks(matching);
        }

        /// <inheritdoc />
        public IEnumerator<TrackEvent> GetEnumerator() => _events.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
