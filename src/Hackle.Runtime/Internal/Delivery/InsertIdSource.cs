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
            var position = 0;
            for (var i = 0; i < 16; i++)
            {
                if (i == 4 || i == 6 || i == 8 || i == 10) destination[position++] = (byte)'-';
                var value = _random[offset + i];
                destination[position++] = s_hex[value >> 4];
                destination[position++] = s_hex[value & 0xF];
            }
        }

    }
}
