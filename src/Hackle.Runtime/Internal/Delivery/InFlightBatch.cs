using System.Threading;
using System.Threading.Tasks;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// One batch on its way: its written body, its send, and what it holds, a slot while it is sent or room in
    /// the queue while it waits to retry. Each holding is given back exactly once, whoever gives it back
    /// (the send, or close giving up on the batch), so a slot is never released twice.
    /// </summary>
    internal sealed class InFlightBatch
    {
        private int _holdsSlot;
        private int _holdsQueueRoom;
        private int _claimed;

        public InFlightBatch(int count, long bytes)
        {
            Count = count;
            Bytes = bytes;
        }

        /// <summary>How many events the batch took off the queue, written or not.</summary>
        public int Count { get; }

        /// <summary>The request body, written once so a retry carries the same insertIds; its send returns it to the pool when over.</summary>
        public PooledBody? Body { get; set; }

        /// <summary>The first failure among the <see cref="Unwritable"/> events, for the log.</summary>
        public System.Exception? WriteFailure { get; set; }

        /// <summary>The events' estimated size, as the queue counted it.</summary>
        public long Bytes { get; }

        /// <summary>The running send; completed until one starts.</summary>
        public Task Send { get; set; } = Task.CompletedTask;

        /// <summary>Events left out of the body because they could not be written; counted apart from the batch's fate.</summary>
        public int Unwritable { get; set; }

        /// <summary>True once: the caller (the send, or close giving up) counts the batch's fate.</summary>
        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        public void TookSlot() => Volatile.Write(ref _holdsSlot, 1);

        /// <summary>True once for a held slot: the caller releases it.</summary>
        public bool GiveBackSlot() => Interlocked.Exchange(ref _holdsSlot, 0) == 1;

        public void TookQueueRoom() => Volatile.Write(ref _holdsQueueRoom, 1);

        /// <summary>True once for held queue room: the caller gives it back to the queue.</summary>
        public bool GiveBackQueueRoom() => Interlocked.Exchange(ref _holdsQueueRoom, 0) == 1;
    }
}
