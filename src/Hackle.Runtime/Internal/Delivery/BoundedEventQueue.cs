using System.Threading;

namespace Hackle.Internal.Delivery
{
    /// <summary>What became of an event offered to the queue.</summary>
    internal enum Admission
    {
        Queued,
        /// <summary>Refused: the count or the byte budget would be exceeded.</summary>
        Full,
        /// <summary>Refused: the intake is shut (<see cref="BoundedEventQueue.Close"/>).</summary>
        Closed,
    }

    /// <summary>
    /// A fixed-size, lock-free, allocation-free queue of events (a ring of sequence-stamped cells, after
    /// Dmitry Vyukov's bounded MPMC design). Enqueueing never blocks: at capacity it fails at once and
    /// the caller drops the event. The queue is bounded twice: by count, and by bytes (each event's
    /// estimated size, given at enqueue), because a count alone lets a few thousand large events take
    /// hundreds of megabytes. Batches taken out and waiting for a retry keep their room reserved
    /// (<see cref="Reserve"/>), so failures slow the intake instead of letting the waiting batches grow
    /// without bound.
    /// An enqueue costs two interlocked operations: the byte budget's add and the claim of the next
    /// position. The count needs none of its own: it is the enqueue position minus the dequeue position,
    /// read before the claim (a stale dequeue position only overstates it, so the bound holds exactly or
    /// conservatively), and the enqueue position is also the number of events ever admitted. Closing sets
    /// a bit in the enqueue position, so a producer's claim either lands before the close (and the close
    /// waits for its cell to be written) or fails and the event is refused: no per-event enter and leave.
    /// An exposure is stored by value in its cell (<see cref="ExposureRecord"/>), so queueing one allocates
    /// nothing; the cells are made once, and no more of them than the byte budget can ever fill.
    /// </summary>
    internal sealed class BoundedEventQueue
    {
        /// <summary>Set in <see cref="_enqueuePosition"/> once the intake is shut; positions never come near it.</summary>
        private const long ClosedBit = 1L << 62;

        private struct Cell
        {
            public long Sequence;
            public QueuedEvent Item;
        }

        private readonly Cell[] _cells;
        private readonly long _mask;
        private readonly int _capacity;
        private readonly long _maxBytes;
        /// <summary>The next position to claim (so the count of events ever admitted), with <see cref="ClosedBit"/> once closed.</summary>
        private long _enqueuePosition;
        private long _dequeuePosition;
        private int _reservedCount;
        private long _bytes;

        public BoundedEventQueue(int capacity, long maxBytes)
        {
            _capacity = capacity;
            _maxBytes = maxBytes;
            // Every event is estimated at EventSizeEstimate.MinBytes at least, so the byte budget caps the
            // count too: cells beyond that cap could never be filled, and each cell is an exposure's size.
            var reachable = (int)System.Math.Min(capacity, maxBytes / EventSizeEstimate.MinBytes + 1);
            var size = 1;
            while (size < reachable) size <<= 1;
            _cells = new Cell[size];
            for (var i = 0; i < size; i++) _cells[i].Sequence = i;
            _mask = size - 1;
        }

        /// <summary>The most events the queue holds.</summary>
        public int Capacity => _capacity;

        /// <summary>The most bytes the queue holds, reservations included.</summary>
        public long MaxBytes => _maxBytes;

        /// <summary>Events in the queue, counting those a producer is still writing.</summary>
        public int Count
        {
            get
            {
                // The dequeue position first: read the other way round, a take in between could make the difference negative.
                var dequeued = Volatile.Read(ref _dequeuePosition);
                var count = (Volatile.Read(ref _enqueuePosition) & ~ClosedBit) - dequeued;
                return count <= 0 ? 0 : (int)count;
            }
        }

        /// <summary>Events ever admitted into the queue (taken out or not).</summary>
        public long Admitted => Volatile.Read(ref _enqueuePosition) & ~ClosedBit;

        /// <summary>True once <see cref="Close"/> began: every offer is refused.</summary>
        public bool IsClosed => (Volatile.Read(ref _enqueuePosition) & ClosedBit) != 0;

        /// <summary>Estimated bytes of the events in the queue and of the reservations.</summary>
        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Queues <paramref name="item"/> of <paramref name="bytes"/> estimated bytes, unless the queue is full or closed.</summary>
        public Admission TryEnqueue(UserEvent item, int bytes)
        {
            var admission = TryClaim(bytes, out var position);
            if (admission != Admission.Queued) return admission;
            ref var cell = ref _cells[position & _mask];
            cell.Item.Event = item;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, position + 1);
            return Admission.Queued;
        }

        /// <summary>Queues an exposure by value, copying it into its cell, unless the queue is full or closed.</summary>
        public Admission TryEnqueue(in ExposureRecord exposure, int bytes)
        {
            var admission = TryClaim(bytes, out var position);
            if (admission != Admission.Queued) return admission;
            ref var cell = ref _cells[position & _mask];
            cell.Item.Exposure = exposure;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, position + 1);
            return Admission.Queued;
        }

        /// <summary>Takes room for one event of <paramref name="bytes"/> and claims the next cell; the caller fills it and publishes its sequence.</summary>
        private Admission TryClaim(int bytes, out long position)
        {
            var budgeted = false;
            position = Volatile.Read(ref _enqueuePosition);
            while (true)
            {
                if ((position & ClosedBit) != 0) return Refuse(Admission.Closed, budgeted, bytes);
                // The count bound: a stale dequeue position overstates the count, never understates it.
                if (position - Volatile.Read(ref _dequeuePosition) + Volatile.Read(ref _reservedCount) >= _capacity)
                    return Refuse(Admission.Full, budgeted, bytes);
                ref var cell = ref _cells[position & _mask];
                var gap = Volatile.Read(ref cell.Sequence) - position;
                if (gap > 0)
                {
                    // Another producer claimed this position: start again from the current one.
                    position = Volatile.Read(ref _enqueuePosition);
                    continue;
                }
                if (gap < 0)
                {
                    // The event a lap behind is still being taken out: the ring is full this instant. Failing beats waiting.
                    return Refuse(Admission.Full, budgeted, bytes);
                }
                if (!budgeted)
                {
                    // Added before the claim, so the bound can only be overstated while a claim is under way.
                    if (Interlocked.Add(ref _bytes, bytes) > _maxBytes) return Refuse(Admission.Full, true, bytes);
                    budgeted = true;
                }
                var seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                if (seen == position) return Admission.Queued;
                position = seen;
            }
        }

        private Admission Refuse(Admission admission, bool budgeted, int bytes)
        {
            if (budgeted) Interlocked.Add(ref _bytes, -bytes);
            return admission;
        }

        /// <summary>Takes the oldest event with its estimated size (copied out; the cell lets go of its references); false when the queue is empty.</summary>
        public bool TryDequeue(out QueuedEvent item)
        {
            var position = Volatile.Read(ref _dequeuePosition);
            while (true)
            {
                ref var cell = ref _cells[position & _mask];
                var gap = Volatile.Read(ref cell.Sequence) - (position + 1);
                if (gap == 0)
                {
                    var seen = Interlocked.CompareExchange(ref _dequeuePosition, position + 1, position);
                    if (seen == position)
                    {
                        item = cell.Item;
                        // Drop the references, so a drained queue keeps no user alive.
                        cell.Item = default;
                        Volatile.Write(ref cell.Sequence, position + _mask + 1);
                        Interlocked.Add(ref _bytes, -item.Bytes);
                        return true;
                    }
                    position = seen;
                }
                else if (gap < 0)
                {
                    // Empty, or the next producer has claimed the cell and not yet written it.
                    item = default;
                    return false;
                }
                else
                {
                    position = Volatile.Read(ref _dequeuePosition);
                }
            }
        }

        /// <summary>
        /// Shuts the intake: from here on every offer is refused as <see cref="Admission.Closed"/>. Returns once
        /// every event admitted before is written into its cell (a producer between its claim and its write
        /// is a few instructions from done), so a drain after it finds them all. Idempotent.
        /// </summary>
        public void Close()
        {
            var position = Volatile.Read(ref _enqueuePosition);
            while ((position & ClosedBit) == 0)
            {
                var seen = Interlocked.CompareExchange(ref _enqueuePosition, position | ClosedBit, position);
                if (seen == position) break;
                position = seen;
            }
            var end = position & ~ClosedBit;
            var spin = new SpinWait();
            for (var p = Volatile.Read(ref _dequeuePosition); p < end; p++)
            {
                ref var cell = ref _cells[p & _mask];
                // p was claimed, so its cell reads p until written, then p + 1 (or more, once taken out again).
                while (Volatile.Read(ref cell.Sequence) - (p + 1) < 0) spin.SpinOnce();
            }
        }

        /// <summary>
        /// Keeps room for events taken out that may come back (a batch waiting for its retry): they count
        /// against both bounds until <see cref="Unreserve"/>. It may take the queue over its bounds; new
        /// events are then refused until there is room again.
        /// </summary>
        public void Reserve(int count, long bytes)
        {
            Interlocked.Add(ref _reservedCount, count);
            Interlocked.Add(ref _bytes, bytes);
        }

        /// <summary>Gives back room kept by <see cref="Reserve"/>.</summary>
        public void Unreserve(int count, long bytes)
        {
            Interlocked.Add(ref _reservedCount, -count);
            Interlocked.Add(ref _bytes, -bytes);
        }
    }
}
