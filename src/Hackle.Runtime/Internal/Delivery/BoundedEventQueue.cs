using System.Runtime.CompilerServices;
using System.Threading;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

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
    /// An enqueue is one interlocked operation: the producers' side is a single word (<see cref="_head"/>)
    /// holding the enqueue position, the running total of the bytes enqueued and a closed bit, claimed with
    /// one compare-and-swap. The consumers keep their own totals (position and bytes taken out), so the
    /// count and the bytes in the queue are differences of the two sides, checked before the claim: a stale
    /// read of the consumers' side only overstates them (the bounds hold exactly or conservatively), and
    /// the claim fails if the producers' side moved. Closing sets the closed bit, so a producer's claim either
    /// lands before the close (and the close waits for its cell to be written) or fails and the event is
    /// refused: no per-event enter and leave. The producers' word keeps positions and bytes modulo powers of
    /// two (the consumers' totals are whole), which is exact while the differences stay far below those powers:
    /// at most 2^24 events and 1 GiB are ever in the queue.
    /// An exposure or a track is stored by value in its cell (<see cref="ExposureRecord"/>, <see cref="TrackRecord"/>),
    /// so queueing one allocates nothing; the cells are made once, and no more of them than the byte budget can ever fill.
    /// </summary>
    internal sealed class BoundedEventQueue
    {
        /// <summary>Bits of the enqueue position in <see cref="_head"/> (and of the cells' sequences): twice the most events ever queued, for the sign.</summary>
        private const int PositionBits = 26;
        private const long PositionMask = (1L << PositionBits) - 1;
        /// <summary>Bits of the running total of bytes enqueued: 64 GiB either way, against at most 1 GiB in the queue.</summary>
        private const int BytesBits = 37;
        private const long BytesMask = (1L << BytesBits) - 1;
        /// <summary>The sign bit of <see cref="_head"/>, set once the intake is shut.</summary>
        private const long ClosedBit = long.MinValue;
        private const int MaxRing = 1 << 24;

        private struct Cell
        {
            /// <summary>Modulo 2^<see cref="PositionBits"/>: the position it waits to be written at, that plus one once written, plus the ring's size once taken.</summary>
            public long Sequence;
            public QueuedEvent Item;
        }

        private readonly Cell[] _cells;
        private readonly long _mask;
        private readonly int _capacity;
        private readonly long _maxBytes;
        /// <summary>The producers' side: closed bit | bytes enqueued (mod 2^37) &lt;&lt; 26 | enqueue position (mod 2^26).</summary>
        private long _head;
        /// <summary>The consumers' side: events taken out so far, and their bytes.</summary>
        private long _dequeuePosition;
        private long _dequeuedBytes;
        private int _reservedCount;
        private long _reservedBytes;

        public BoundedEventQueue(int capacity, long maxBytes)
        {
            _capacity = capacity;
            _maxBytes = maxBytes;
            // Every event is estimated at EventSizeEstimate.MinBytes at least, so the byte budget caps the
            // count too: cells beyond that cap could never be filled, and each cell is an exposure's size.
            var reachable = (int)System.Math.Min(capacity, maxBytes / EventSizeEstimate.MinBytes + 1);
            var size = 1;
            while (size < reachable) size <<= 1;
            if (size > MaxRing || maxBytes > 1L << 30) throw new System.ArgumentOutOfRangeException(nameof(capacity), "at most 2^24 events and 1 GiB");
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
                var head = Volatile.Read(ref _head);
                var count = Wrapped(head - Volatile.Read(ref _dequeuePosition), PositionBits);
                return count <= 0 ? 0 : (int)count;
            }
        }

        /// <summary>Events ever admitted into the queue (taken out or not).</summary>
        public long Admitted
        {
            get
            {
                var head = Volatile.Read(ref _head);
                // Read after the head, the consumers' position may be ahead of it; the difference is signed either way.
                var dequeued = Volatile.Read(ref _dequeuePosition);
                return dequeued + Wrapped(head - dequeued, PositionBits);
            }
        }

        /// <summary>True once <see cref="Close"/> began: every offer is refused.</summary>
        public bool IsClosed => Volatile.Read(ref _head) < 0;

        /// <summary>Estimated bytes of the events in the queue and of the reservations.</summary>
        public long Bytes
        {
            get
            {
                var queued = Wrapped((Volatile.Read(ref _head) >> PositionBits) - Volatile.Read(ref _dequeuedBytes), BytesBits);
                return (queued <= 0 ? 0 : queued) + Volatile.Read(ref _reservedBytes);
            }
        }

        /// <summary>The signed difference of two counters kept modulo 2^<paramref name="bits"/>.</summary>
        private static long Wrapped(long difference, int bits) => (difference << (64 - bits)) >> (64 - bits);

        /// <summary>Queues <paramref name="item"/> of <paramref name="bytes"/> estimated bytes, unless the queue is full or closed.</summary>
        public Admission TryEnqueue(UserEvent item, int bytes)
        {
            var admission = TryClaim(bytes, out var position);
            if (admission != Admission.Queued) return admission;
            PrefetchCell(position + 1);
            ref var cell = ref _cells[position & _mask];
            cell.Item.Event = item;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, (position + 1) & PositionMask);
            return Admission.Queued;
        }

        /// <summary>Queues an exposure by value, copying it into its cell, unless the queue is full or closed.</summary>
        public Admission TryEnqueue(in ExposureRecord exposure, int bytes)
        {
            var admission = TryClaim(bytes, out var position);
            if (admission != Admission.Queued) return admission;
            PrefetchCell(position + 1);
            ref var cell = ref _cells[position & _mask];
            cell.Item.Exposure = exposure;
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, (position + 1) & PositionMask);
            return Admission.Queued;
        }

        /// <summary>Queues a tracked event by value, copying it into its cell, unless the queue is full or closed.</summary>
        public Admission TryEnqueue(in TrackRecord track, int bytes)
        {
            var admission = TryClaim(bytes, out var position);
            if (admission != Admission.Queued) return admission;
            PrefetchCell(position + 1);
            ref var cell = ref _cells[position & _mask];
            cell.Item.SetTrack(track);
            cell.Item.Bytes = bytes;
            Volatile.Write(ref cell.Sequence, (position + 1) & PositionMask);
            return Admission.Queued;
        }

        /// <summary>
        /// Takes room for one event of <paramref name="bytes"/> and claims the next cell (its position modulo
        /// 2^<see cref="PositionBits"/>), in one compare-and-swap; the caller fills the cell and publishes its sequence.
        /// </summary>
        private Admission TryClaim(int bytes, out long position)
        {
            var head = Volatile.Read(ref _head);
            while (true)
            {
                if (head < 0)
                {
                    position = 0;
                    return Admission.Closed;
                }
                position = head & PositionMask;
                var enqueuedBytes = (head >> PositionBits) & BytesMask;
                // Both read after the head: if the head is still current at the claim, these are no newer than
                // it, so the count and bytes below are exact or overstated (a take since is not seen yet).
                var count = Wrapped(position - Volatile.Read(ref _dequeuePosition), PositionBits);
                var queuedBytes = Wrapped(enqueuedBytes - Volatile.Read(ref _dequeuedBytes), BytesBits);
                ref var cell = ref _cells[position & _mask];
                var gap = Wrapped(Volatile.Read(ref cell.Sequence) - position, PositionBits);
                if (gap > 0 || count + Volatile.Read(ref _reservedCount) >= _capacity || gap < 0 ||
                    queuedBytes + Volatile.Read(ref _reservedBytes) + bytes > _maxBytes)
                {
                    // Full, or this head is stale (another producer claimed its position): only a current head may refuse.
                    var current = Volatile.Read(ref _head);
                    if (current != head)
                    {
                        head = current;
                        continue;
                    }
                    // A cell a lap behind still being taken out (gap < 0) is full too, this instant; failing beats waiting.
                    return Admission.Full;
                }
                var claimed = (((enqueuedBytes + bytes) & BytesMask) << PositionBits) | ((position + 1) & PositionMask);
                var seen = Interlocked.CompareExchange(ref _head, claimed, head);
                if (seen == head) return Admission.Queued;
                head = seen;
            }
        }

        /// <summary>
        /// Asks the CPU to bring the cell of <paramref name="position"/> into the cache: the ring is larger than the
        /// cache and each cell comes round once a lap, so the next producer would otherwise stall on a memory read
        /// of it. A hint only (it never faults, and a moved array only makes it useless); x86 only.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private unsafe void PrefetchCell(long position)
        {
#if NET8_0_OR_GREATER
            if (!Sse.IsSupported) return;
            var cell = (byte*)Unsafe.AsPointer(ref _cells[position & _mask]);
            // A cell spans two or three cache lines: its first and last bytes cover them.
            Sse.Prefetch0(cell);
            Sse.Prefetch0(cell + Unsafe.SizeOf<Cell>() - 1);
#endif
        }

        /// <summary>Takes the oldest event with its estimated size (copied out; the cell lets go of its references); false when the queue is empty.</summary>
        public bool TryDequeue(out QueuedEvent item)
        {
            var position = Volatile.Read(ref _dequeuePosition);
            while (true)
            {
                ref var cell = ref _cells[position & _mask];
                var gap = Wrapped(Volatile.Read(ref cell.Sequence) - (position + 1), PositionBits);
                if (gap == 0)
                {
                    var seen = Interlocked.CompareExchange(ref _dequeuePosition, position + 1, position);
                    if (seen == position)
                    {
                        item = cell.Item;
                        // Drop the references, so a drained queue keeps no user alive.
                        cell.Item = default;
                        Volatile.Write(ref cell.Sequence, (position + _mask + 1) & PositionMask);
                        Interlocked.Add(ref _dequeuedBytes, item.Bytes);
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
            var head = Volatile.Read(ref _head);
            while (head >= 0)
            {
                var seen = Interlocked.CompareExchange(ref _head, head | ClosedBit, head);
                if (seen == head) break;
                head = seen;
            }
            var dequeued = Volatile.Read(ref _dequeuePosition);
            var end = dequeued + Wrapped(head - dequeued, PositionBits);
            var spin = new SpinWait();
            for (var p = dequeued; p < end; p++)
            {
                ref var cell = ref _cells[p & _mask];
                // p was claimed, so its cell reads p until written, then p + 1 (or more, once taken out again).
                while (Wrapped(Volatile.Read(ref cell.Sequence) - (p + 1), PositionBits) < 0) spin.SpinOnce();
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
            Interlocked.Add(ref _reservedBytes, bytes);
        }

        /// <summary>Gives back room kept by <see cref="Reserve"/>.</summary>
        public void Unreserve(int count, long bytes)
        {
            Interlocked.Add(ref _reservedCount, -count);
            Interlocked.Add(ref _reservedBytes, -bytes);
        }
    }
}
