using System;
using System.Buffers;
using System.Threading;

namespace Hackle.Internal.Delivery
{
    /// <summary>A written request body in an array rented from the shared pool; returned once, by the send that used it.</summary>
    internal sealed class PooledBody
    {
        private byte[]? _array;

        public PooledBody(byte[] array, int length)
        {
            _array = array;
            Length = length;
        }

        public int Length { get; }

        /// <summary>The array; only valid until <see cref="Return"/>.</summary>
        public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBody));

        /// <summary>Gives the array back to the pool; later calls do nothing. Only the batch's send, once over, calls it.</summary>
        public void Return()
        {
            var array = Interlocked.Exchange(ref _array, null);
            if (array != null && array.Length > 0) ArrayPool<byte>.Shared.Return(array);
        }
    }
}
