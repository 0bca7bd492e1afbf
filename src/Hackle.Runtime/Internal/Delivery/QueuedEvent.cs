namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// One event as it sits in the delivery queue and in the batch being written: an exposure record by
    /// value (<see cref="Event"/> null), or an event object (a track, a remote-config record, or an
    /// exposure a caller made). Its estimated size travels with it for the queue's byte budget.
    /// </summary>
    internal struct QueuedEvent
    {
        public UserEvent? Event;
        public ExposureRecord Exposure;
        public int Bytes;

        /// <summary>True for the exposures array of the request body, record or object.</summary>
        public bool IsExposure => Event is null || Event is ExposureEvent;
    }
}
