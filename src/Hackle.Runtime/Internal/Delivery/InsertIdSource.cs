using System;
using System.Security.Cryptography;

namespace Hackle.Internal.Delivery
{
    /// <summary>
    /// Makes the insertIds of a batch: random UUIDs of version 4 (RFC 4122), written as 36 lowercase
    /// characters (UTF-8, so straight into the body), as <see cref="Guid.NewGuid"/> would print them.
    /// The random bytes come from the system's cryptographic generator 256 ids at a time, so a batch costs
    /// one system call instead of one per event. One per delivery loop; not thread-safe.
    /// </summary>
    internal class InsertIdSource
    {
        public const int Length = 36;
        private const int IdsPerRefill = 256;

        private static readonly byte[] s_hex = { (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f' };

        private readonly byte[] _random = new byte[16 * IdsPerRefill];
        private int _next = IdsPerRefill;
#if !NET
        private readonly RandomNumberGenerator _generator = RandomNumberGenerator.Create();
#endif

        /// <summary>Writes the next id, as UTF-8, into the first <see cref="Length"/> bytes of <paramref name="destination"/>.</summary>
        public virtual void Next(Span<byte> destination)
        {
            if (_next == IdsPerRefill)
            {
#if NET
                RandomNumberGenerator.Fill(_random);
#else
                _generator.GetBytes(_random);
#endif
                _next = 0;
            }
            var offset = 16 * _next++;
            // The version (4) and the variant (10xx) bits, where RFC 4122 puts them.
            _random[offset + 6] = (byte)((_random[offset + 6] & 0x0F) | 0x40);
            _random[offset + 8] = (byte)((_random[offset + 8] & 0x3F) | 0x80);
            // 8-4-4-4-12 hex digits, as Guid's "D" format prints them.
            WriteHex(destination, 0, offset, 4);
            destination[8] = (byte)'-';
            WriteHex(destination, 9, offset + 4, 2);
            destination[13] = (byte)'-';
            WriteHex(destination, 14, offset + 6, 2);
            destination[18] = (byte)'-';
            WriteHex(destination, 19, offset + 8, 2);
            destination[23] = (byte)'-';
            WriteHex(destination, 24, offset + 10, 6);
        }

        private void WriteHex(Span<byte> destination, int position, int offset, int count)
        {
            var hex = s_hex;
            for (var i = 0; i < count; i++)
            {
                var value = _random[offset + i];
                destination[position + 2 * i] = hex[value >> 4];
                destination[position + 2 * i + 1] = hex[value & 0xF];
            }
        }
    }
}
