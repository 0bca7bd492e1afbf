using System.Runtime.CompilerServices;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// One event as it sits in the delivery queue and in the batch being written: an exposure record or a
    /// track record by value, or an event object (a remote-config record, or an exposure or track a caller
    /// made). Its estimated size travels with it for the queue's byte budget.
    /// A track record shares the exposure record's fields instead of adding its own, because the cell is copied
    /// on every enqueue and dequeue: its event goes where an object would, and its user, timestamp and event type
    /// id into <see cref="Exposure"/>'s user, timestamp and root id (<see cref="SetTrack"/>, <see cref="Track"/>).
    /// </summary>
    internal struct QueuedEvent
    {
        /// <summary>Null for an exposure record, the <see cref="HackleEvent"/> of a track record, or an event object.</summary>
        private object? _item;
        /// <summary>The exposure record; for a track record only its user, timestamp and root id (the event type id) are set.</summary>
        public ExposureRecord Exposure;
        public int Bytes;

        /// <summary>The event object, or null for a record.</summary>
        public UserEvent? Event
        {
            get => _item as UserEvent;
            set => _item = value;
        }

        /// <summary>True for the exposures array of the request body, record or object.</summary>
        public bool IsExposure => _item is null || _item is ExposureEvent;

        /// <summary>True for the track events array of the request body, record or object.</summary>
        public bool IsTrack => _item is HackleEvent || _item is TrackEvent;

        /// <summary>True when this is a track record (read it with <see cref="Track"/>).</summary>
        public bool IsTrackRecord => _item is HackleEvent;

        /// <summary>The track record stored by <see cref="SetTrack"/>; meaningful only when <see cref="IsTrackRecord"/>.</summary>
        public TrackRecord Track => new TrackRecord((HackleEvent)_item!, Exposure.User, Exposure.Timestamp, Exposure.TargetingRootId);

        /// <summary>Stores a track record by value.</summary>
        public void SetTrack(in TrackRecord track)
        {
            // A queue cell is empty here (its dequeue cleared it); anything else is cleared first, so no stale exposure stays reachable.
            if (Exposure.Evaluation.Experiment != null || Exposure.TargetingRootType != null) Exposure = default;
            _item = track.Event;
            // Only the three fields a track uses are written, in place. Building an ExposureRecord to copy in would zero a
            // temporary with 256-bit stores right before the runtime's bulk copy of it, and that mix of vector widths made
            // the enqueue several times slower (measured: about 250 ns against 45 ns).
            Unsafe.AsRef(in Exposure.User) = track.User;
            Unsafe.AsRef(in Exposure.Timestamp) = track.Timestamp;
            Unsafe.AsRef(in Exposure.TargetingRootId) = track.EventTypeId;
        }
    }
}
