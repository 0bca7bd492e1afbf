using System.Threading;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A fixed-size, lock-free, allocation-free queue of events (a ring of sequence-stamped cells, after
    /// Dmitry Vyukov's bounded MPMC design). Enqueueing never blocks: at capacity it fails at once and
    /// the caller drops the event. The ring is a power of two; a counter enforces the exact capacity.
    /// The queue is bounded twice: by count, and by bytes (each event's estimated size, given at enqueue),
    /// because a count alone lets a few thousand large events take hundreds of megabytes. Batches taken
    /// out and waiting for a retry keep their room reserved (<see cref="Reserve"/>), so failures slow
    /// the intake instead of letting the waiting batches grow without bound.
    /// An exposure is stored by value in its cell (<see cref="ExposureRecord"/>), so queueing one allocates
    /// nothing; the cells are made once, and no more of them than the byte budget can ever fill.
    /// </summary>
    internal sealed class BoundedEventQueue
    {
        private struct Cell
        {
            public long Sequence;
            public QueuedEvent Item;
        }

        private readonly Cell[] _cells;
        private readonly long _mask;
        private readonly int _capacity;
        private readonly long _maxBytes;
        private long _enqueuePosition;
        private long _dequeuePosition;
        private int _count;
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
        public int Count => Volatile.Read(ref _count);

        /// <summary>Estimated bytes of the events in the queue and of the reservations.</summary>
        public long Bytes => Interlocked.Read(ref _bytes);

        /// <summary>Queues <paramref name="item"/> of <paramref name="bytes"/> estimated bytes; false when the count or the byte budget would be exceeded.</summary>
        public bool TryEnqueue(UserEvent item, int bytes)
        {
            if (!TryClaim(bytes, out var position)) return false;
            ref var cell = ref _cells[position & _mask];
            cell.Item.Event = item;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, position + 1);
            return true;
        }

        /// <summary>Queues an exposure by value, copying it into its cell; false when the count or the byte budget would be exceeded.</summary>
        public bool TryEnqueue(in ExposureRecord exposure, int bytes)
        {
            if (!TryClaim(bytes, out var position)) return false;
            ref var cell = ref _cells[position & _mask];
            cell.Item.Exposure = exposure;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, position + 1);
            return true;
        }

        /// <summary>Takes room for one event of <paramref name="bytes"/> and claims the next cell; the caller fills it and publishes its sequence.</summary>
        private bool TryClaim(int bytes, out long position)
        {
            if (Interlocked.Increment(ref _count) + Volatile.Read(ref _reservedCount) > _capacity)
            {
                Interlocked.Decrement(ref _count);
                position = 0;
                return false;
            }
            if (Interlocked.Add(ref _bytes, bytes) > _maxBytes)
            {
                Interlocked.Add(ref _bytes, -bytes);
                Interlocked.Decrement(ref _count);
                position = 0;
                return false;
            }
            position = Volatile.Read(ref _enqueuePosition);
            while (true)
            {
                ref var cell = ref _cells[position & _mask];
                var gap = Volatile.Read(ref cell.Sequence) - position;
                if (gap == 0)
                {
                    var seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                    if (seen == position) return true;
                    position = seen;
                }
                else if (gap < 0)
                {
                    // The ring is full. The counters make this unreachable, but failing beats overwriting.
                    Interlocked.Add(ref _bytes, -bytes);
                    Interlocked.Decrement(ref _count);
                    return false;
                }
                else
                {
                    position = Volatile.Read(ref _enqueuePosition);
                }
            }
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
                        Interlocked.Decrement(ref _count);
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
