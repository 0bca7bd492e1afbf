using System.Globalization;

namespace Hackle
{
    /// <summary>
    /// Where every event handed to the HTTP delivery went. Each event is counted once, as sent, dropped
    /// with a cause, or still pending: <c>Received == Sent + Dropped + Pending</c> once nothing is in motion.
    /// </summary>
    public readonly struct HackleEventStats
    {
        /// <summary>Creates a snapshot.</summary>
        public HackleEventStats(long received, long sent, long pending, long droppedQueueFull, long droppedRejected, long droppedRetriesExhausted, long droppedOnClose)
            : this(received, sent, pending, droppedQueueFull, droppedRejected, droppedRetriesExhausted, droppedOnClose, 0)
        {
        }

        /// <summary>Creates a snapshot, with the events that could not be written into a request body.</summary>
        public HackleEventStats(long received, long sent, long pending, long droppedQueueFull, long droppedRejected, long droppedRetriesExhausted, long droppedOnClose, long droppedUnserializable)
        {
            Received = received;
            Sent = sent;
            Pending = pending;
            DroppedQueueFull = droppedQueueFull;
            DroppedRejected = droppedRejected;
            DroppedRetriesExhausted = droppedRetriesExhausted;
            DroppedOnClose = droppedOnClose;
            DroppedUnserializable = droppedUnserializable;
        }

        /// <summary>Events handed to the delivery, including those dropped at once.</summary>
        public long Received { get; }

        /// <summary>Events the event server accepted (2xx).</summary>
        public long Sent { get; }

        /// <summary>Events queued or in flight right now.</summary>
        public long Pending { get; }

        /// <summary>Events refused because the queue was full, by count (<see cref="HackleClientOptions.EventQueueCapacity"/>) or by size (<see cref="HackleClientOptions.EventQueueMaxBytes"/>); the newest are dropped and the caller is never blocked.</summary>
        public long DroppedQueueFull { get; }

        /// <summary>Events in batches the server refused with a 4xx other than 429; they are not retried.</summary>
        public long DroppedRejected { get; }

        /// <summary>Events in batches that still failed (5xx, 429, timeout, network) after every retry.</summary>
        public long DroppedRetriesExhausted { get; }

        /// <summary>
        /// Events tracked after close, still unsent when the close time limit passed, or given up at close
        /// because the event server could not be reached (no such host, connection refused).
        /// </summary>
        public long DroppedOnClose { get; }

        /// <summary>
        /// Events that could not be written into a request body (a <c>$</c> property value whose
        /// <c>ToString</c> throws, for one); only they are dropped, the rest of their batch is sent.
        /// </summary>
        public long DroppedUnserializable { get; }

        /// <summary>Every dropped event, whatever the cause.</summary>
        public long Dropped => DroppedQueueFull + DroppedRejected + DroppedRetriesExhausted + DroppedOnClose + DroppedUnserializable;

        /// <inheritdoc />
        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "received {0}, sent {1}, pending {2}, dropped {3} (queue full {4}, rejected {5}, retries exhausted {6}, on close {7}, unserializable {8})",
            Received, Sent, Pending, Dropped, DroppedQueueFull, DroppedRejected, DroppedRetriesExhausted, DroppedOnClose, DroppedUnserializable);
    }
}
