using System;
using System.Buffers;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// A growable buffer for a request body, on arrays rented from the shared pool: the body of one batch
    /// is written straight into it, handed to the send with <see cref="Detach"/>, and its array goes back
    /// to the pool when the send is over (<see cref="PooledBody.Return"/>).
    /// </summary>
    internal sealed class PooledBufferWriter : IBufferWriter<byte>
    {
        private byte[] _buffer = Array.Empty<byte>();
        private int _written;

        public int WrittenCount => _written;

        public ReadOnlySpan<byte> WrittenSpan => new ReadOnlySpan<byte>(_buffer, 0, _written);

        /// <summary>Starts a new body of about <paramref name="sizeHint"/> bytes, keeping the current array when it is large enough.</summary>
        public void Start(int sizeHint)
        {
            _written = 0;
            if (_buffer.Length >= sizeHint) return;
            Swap(ArrayPool<byte>.Shared.Rent(sizeHint));
        }

        /// <summary>Forgets what was written, keeping the array (a failed write starts over).</summary>
        public void Clear() => _written = 0;

        /// <summary>Hands the written body over; the writer starts empty again and the caller returns the array.</summary>
        public PooledBody Detach()
        {
            var body = new PooledBody(_buffer, _written);
            _buffer = Array.Empty<byte>();
            _written = 0;
            return body;
        }

        /// <summary>Cuts what was written back to its first <paramref name="length"/> bytes (an event that failed half-written).</summary>
        public void Truncate(int length)
        {
            if ((uint)length > (uint)_written) throw new ArgumentOutOfRangeException(nameof(length));
            _written = length;
        }

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return new Memory<byte>(_buffer, _written, _buffer.Length - _written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return new Span<byte>(_buffer, _written, _buffer.Length - _written);
        }

        private void Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 256);
            if (needed <= _buffer.Length) return;
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, 0, grown, 0, _written);
            Swap(grown);
        }

        private void Swap(byte[] next)
        {
            if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = next;
        }
    }
}
