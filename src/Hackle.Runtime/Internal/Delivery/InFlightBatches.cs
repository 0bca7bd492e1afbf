using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Batches taken off the queue and not yet settled, and the slots that bound how many are sent at
    /// once. Each batch is settled exactly once: by its send, or by close giving up on it. Whoever
    /// settles it counts its fate, so no event is counted twice or left pending after close.
    /// </summary>
    internal sealed class InFlightBatches
    {
        private readonly SemaphoreSlim _slots;
        private readonly int _maxSlots;
        private readonly HashSet<InFlightBatch> _unsettled = new HashSet<InFlightBatch>();
        private long _events;

        public InFlightBatches(int maxConcurrent)
        {
            _maxSlots = maxConcurrent;
            _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        }

        /// <summary>Events in batches not yet settled (counted as pending).</summary>
        public long EventCount => Interlocked.Read(ref _events);

        /// <summary>Registers <paramref name="events"/> as in flight, before it waits for a slot, so it never drops out of the pending count.</summary>
        public InFlightBatch Begin(List<UserEvent> events)
        {
            var batch = new InFlightBatch(events);
            Interlocked.Add(ref _events, events.Count);
            lock (_unsettled) _unsettled.Add(batch);
            return batch;
        }

        /// <summary>Waits for a free slot for <paramref name="batch"/>; throws when <paramref name="abort"/> is cancelled first.</summary>
        public async Task AcquireSlotAsync(InFlightBatch batch, CancellationToken abort)
        {
            await _slots.WaitAsync(abort).ConfigureAwait(false);
            batch.HoldsSlot = true;
        }

        /// <summary>Settles <paramref name="batch"/> and frees its slot; false when it was settled already (the caller then counts nothing).</summary>
        public bool TrySettle(InFlightBatch batch)
        {
            lock (_unsettled)
            {
                if (!_unsettled.Remove(batch)) return false;
            }
            Interlocked.Add(ref _events, -batch.Events.Count);
            if (batch.HoldsSlot) _slots.Release();
            return true;
        }

        /// <summary>Waits until every slot is free, that is until nothing is being sent.</summary>
        public async Task WaitUntilIdleAsync(CancellationToken abort)
        {
            var held = 0;
            try
            {
                for (; held < _maxSlots; held++) await _slots.WaitAsync(abort).ConfigureAwait(false);
            }
            finally
            {
                if (held > 0) _slots.Release(held);
            }
        }

        /// <summary>The sends still running, to give them a moment at close.</summary>
        public Task WhenSendsEnd()
        {
            var sends = new List<Task>();
            lock (_unsettled)
            {
                foreach (var batch in _unsettled) sends.Add(batch.Send);
            }
            return Task.WhenAll(sends);
        }

        /// <summary>Settles every batch still unsettled and returns how many events they held (close gives up on them).</summary>
        public int SettleAll()
        {
            InFlightBatch[] left;
            lock (_unsettled)
            {
                left = new InFlightBatch[_unsettled.Count];
                _unsettled.CopyTo(left);
            }
            var events = 0;
            foreach (var batch in left)
            {
                if (TrySettle(batch)) events += batch.Events.Count;
            }
            return events;
        }
    }
}
