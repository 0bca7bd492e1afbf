using System.Threading;
using Hackle.Internal.Metrics;

namespace Hackle.Internal.Delivery
{
    /// <summary>Why an event was dropped.</summary>
    internal enum DropCause
    {
        QueueFull,
        Rejected,
        RetriesExhausted,
        Closed,
        /// <summary>The event could not be written into a request body; only it is dropped, not its batch.</summary>
        Unserializable,
    }

    /// <summary>
    /// The delivery's accounting: one place that counts every event's fate and mirrors it to the
    /// metrics, so the numbers a test reads and the numbers a dashboard shows cannot disagree. The
    /// count comes first and the metrics contain a listener's exceptions, so a broken listener can
    /// neither skip a count nor stop the caller between counting and freeing a slot.
    /// Nothing is counted per event on the way in: the events received are those the queue admitted (its
    /// enqueue position, passed to <see cref="Snapshot"/>) plus those it refused (<see cref="Refused"/>,
    /// rare by nature: a full queue or a closed delivery).
    /// </summary>
    internal sealed class DeliveryCounters
    {
        private readonly HackleMetrics _metrics;
        private long _refused;
        private long _sent;
        private long _queueFull;
        private long _rejected;
        private long _retriesExhausted;
        private long _closed;
        private long _unserializable;

        public DeliveryCounters(HackleMetrics metrics) => _metrics = metrics;

        /// <summary>Counts an event the queue refused at the intake (full or closed): dropped, and received.</summary>
        public void Refused(DropCause cause)
        {
            // The drop first: a snapshot never counts the event received before it counts its fate.
            Dropped(1, cause);
            Interlocked.Increment(ref _refused);
        }

        public void Queued() => _metrics.Queued();

        public void Sent(int count)
        {
            Interlocked.Add(ref _sent, count);
            _metrics.Sent(count);
        }

        public void Dropped(int count, DropCause cause)
        {
            if (count <= 0) return;
            switch (cause)
            {
                case DropCause.QueueFull: Interlocked.Add(ref _queueFull, count); _metrics.Dropped(count, "queue_full"); break;
                case DropCause.Rejected: Interlocked.Add(ref _rejected, count); _metrics.Dropped(count, "rejected"); break;
                case DropCause.RetriesExhausted: Interlocked.Add(ref _retriesExhausted, count); _metrics.Dropped(count, "retries_exhausted"); break;
                case DropCause.Unserializable: Interlocked.Add(ref _unserializable, count); _metrics.Dropped(count, "unserializable"); break;
                default: Interlocked.Add(ref _closed, count); _metrics.Dropped(count, "closed"); break;
            }
        }

        /// <summary>The accounting, given the events the queue ever admitted and those queued or in flight now.</summary>
        public HackleEventStats Snapshot(long admitted, long pending) => new HackleEventStats(
            admitted + Interlocked.Read(ref _refused), Interlocked.Read(ref _sent), pending,
            Interlocked.Read(ref _queueFull), Interlocked.Read(ref _rejected),
            Interlocked.Read(ref _retriesExhausted), Interlocked.Read(ref _closed), Interlocked.Read(ref _unserializable));

        /// <summary>Events dropped so far because the queue was full.</summary>
        public long QueueFull => Interlocked.Read(ref _queueFull);
    }
}
