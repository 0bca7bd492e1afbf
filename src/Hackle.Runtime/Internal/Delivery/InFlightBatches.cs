using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Batches taken off the queue and not yet settled, and the slots that bound how many are sent at
    /// once. Each batch is claimed exactly once: by its send when it ends, or by close giving up on it.
    /// Whoever claims it counts its fate, so no event is counted twice or left pending after close.
    /// A slot is held only while a request is on the wire: a batch waiting for its retry gives its slot
    /// back and holds room in the queue instead (<see cref="SuspendForRetry"/>), so other batches keep
    /// flowing while it waits, and persistent failures fill the queue rather than the memory.
    /// </summary>
    internal sealed class InFlightBatches
    {
        private readonly SemaphoreSlim _slots;
        private readonly int _maxSlots;
        private readonly BoundedEventQueue _queue;
        private readonly HashSet<InFlightBatch> _unsettled = new HashSet<InFlightBatch>();
        private long _events;

        public InFlightBatches(int maxConcurrent, BoundedEventQueue queue)
        {
            _maxSlots = maxConcurrent;
            _queue = queue;
            _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
        }

        /// <summary>Events in batches not yet settled (counted as pending).</summary>
        public long EventCount => Interlocked.Read(ref _events);

        /// <summary>Registers <paramref name="count"/> events taken off the queue as in flight, before their body is written or a slot is awaited, so they never drop out of the pending count.</summary>
        public InFlightBatch Begin(int count, long bytes)
        {
            var batch = new InFlightBatch(count, bytes);
            Interlocked.Add(ref _events, count);
            lock (_unsettled) _unsettled.Add(batch);
            return batch;
        }

        /// <summary>Waits for a free slot for <paramref name="batch"/>; throws when <paramref name="abort"/> is cancelled first.</summary>
        public async Task AcquireSlotAsync(InFlightBatch batch, CancellationToken abort)
        {
            await _slots.WaitAsync(abort).ConfigureAwait(false);
            batch.TookSlot();
        }

        /// <summary>Before a retry's wait: the batch gives its slot back and holds room in the queue instead.</summary>
        public void SuspendForRetry(InFlightBatch batch)
        {
            _queue.Reserve(batch.Count, batch.Bytes);
            batch.TookQueueRoom();
            if (batch.GiveBackSlot()) _slots.Release();
        }

        /// <summary>After a retry's wait: waits for a slot, then gives the queue room back. Throws when <paramref name="abort"/> is cancelled first.</summary>
        public async Task ResumeAfterRetryAsync(InFlightBatch batch, CancellationToken abort)
        {
            await AcquireSlotAsync(batch, abort).ConfigureAwait(false);
            if (batch.GiveBackQueueRoom()) _queue.Unreserve(batch.Count, batch.Bytes);
        }

        /// <summary>
        /// Claims <paramref name="batch"/> for settling; false when it was claimed already (the caller then
        /// counts nothing). The caller counts its fate, then calls <see cref="Release"/>, so the events never
        /// leave the pending count before they are counted elsewhere.
        /// </summary>
        public bool TryClaim(InFlightBatch batch)
        {
            lock (_unsettled)
            {
                // The batch stays listed until it is released, so that close waits for a send that is counting
                // its fate (its Send ends after Release) instead of returning while the counts still move.
                return _unsettled.Contains(batch) && batch.TryClaim();
            }
        }

        /// <summary>Takes a claimed batch out of the pending count and frees what it holds.</summary>
        public void Release(InFlightBatch batch)
        {
            lock (_unsettled) _unsettled.Remove(batch);
            Interlocked.Add(ref _events, -batch.Count);
            if (batch.GiveBackQueueRoom()) _queue.Unreserve(batch.Count, batch.Bytes);
            if (batch.GiveBackSlot()) _slots.Release();
        }

        /// <summary>The sends of the batches not released now (retry waits and fates being counted included): a flush waits for them, and close gives them a moment.</summary>
        public Task WhenSendsEnd()
        {
            var sends = new List<Task>();
            lock (_unsettled)
            {
                foreach (var batch in _unsettled) sends.Add(batch.Send);
            }
            return Task.WhenAll(sends);
        }

        /// <summary>Claims every batch not claimed yet (close gives up on them); the caller counts and releases them.</summary>
        public List<InFlightBatch> ClaimAll()
        {
            lock (_unsettled)
            {
                var left = new List<InFlightBatch>(_unsettled.Count);
                foreach (var batch in _unsettled)
                {
                    if (batch.TryClaim()) left.Add(batch);
                }
                return left;
            }
        }
    }
}
