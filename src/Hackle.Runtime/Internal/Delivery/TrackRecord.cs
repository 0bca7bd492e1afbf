namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A tracked event as <c>Track</c> hands it over: the application's event, its user, the timestamp and the
    /// event type id from the config. A <see cref="TrackEvent"/> is made from it only for a sink that takes
    /// event objects (<see cref="ToEvent"/>).
    /// </summary>
    internal readonly struct TrackRecord
    {
        public TrackRecord(HackleEvent hackleEvent, HackleUser user, long timestamp, long eventTypeId)
        {
            Event = hackleEvent;
            User = user;
            Timestamp = timestamp;
            EventTypeId = eventTypeId;
        }

        public readonly HackleEvent Event;
        public readonly HackleUser User;
        public readonly long Timestamp;
        /// <summary>The event type id from the workspace config, or 0 when the key is not defined there.</summary>
        public readonly long EventTypeId;

        /// <summary>The event object with the same fields, for a sink that takes objects.</summary>
        public TrackEvent ToEvent() => EventFactory.Track(Event, User, Timestamp, EventTypeId);
    }
}
