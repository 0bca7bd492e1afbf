using System.Threading;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A fixed-size, lock-free, allocation-free queue of events (a ring of sequence-stamped cells, after
    /// Dmitry Vyukov's bounded MPMC design). Enqueueing never blocks: at capacity it fails at once and
    /// the caller drops the event. The ring is a power of two; a counter enforces the exact capacity.
    /// </summary>
    internal sealed class BoundedEventQueue
    {
        private struct Cell
        {
            public long Sequence;
            public UserEvent? Item;
        }

        private readonly Cell[] _cells;
        private readonly long _mask;
        private readonly int _capacity;
        private long _enqueuePosition;
        private long _dequeuePosition;
        private int _count;

        public BoundedEventQueue(int capacity)
        {
            _capacity = capacity;
            var size = 1;
            while (size < capacity) size <<= 1;
            _cells = new Cell[size];
            for (var i = 0; i < size; i++) _cells[i].Sequence = i;
            _mask = size - 1;
        }

        /// <summary>The most events the queue holds.</summary>
        public int Capacity => _capacity;

        /// <summary>Events in the queue, counting those a producer is still writing.</summary>
        public int Count => Volatile.Read(ref _count);

        public bool TryEnqueue(UserEvent item)
        {
            if (Interlocked.Increment(ref _count) > _capacity)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }
            var position = Volatile.Read(ref _enqueuePosition);
            while (true)
            {
                ref var cell = ref _cells[position & _mask];
                var gap = Volatile.Read(ref cell.Sequence) - position;
                if (gap == 0)
                {
                    var seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                    if (seen == position)
                    {
                        cell.Item = item;
                        Volatile.Write(ref cell.Sequence, position + 1);
                        return true;
                    }
                    position = seen;
                }
                else if (gap < 0)
                {
                    // The ring is full. The counter makes this unreachable, but failing beats overwriting.
                    Interlocked.Decrement(ref _count);
                    return false;
                }
                else
                {
                    position = Volatile.Read(ref _enqueuePosition);
                }
            }
        }

        public bool TryDequeue(out UserEvent? item)
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
                        cell.Item = null;
                        Volatile.Write(ref cell.Sequence, position + _mask + 1);
                        Interlocked.Decrement(ref _count);
                        return true;
                    }
                    position = seen;
                }
                else if (gap < 0)
                {
                    // Empty, or the next producer has claimed the cell and not yet written it.
                    item = null;
                    return false;
                }
                else
                {
                    position = Volatile.Read(ref _dequeuePosition);
                }
            }
        }
    }
}
