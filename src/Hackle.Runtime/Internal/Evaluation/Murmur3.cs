using System;
using System.Buffers;
using System.Text;

namespace Hackle.Internal.Evaluation
{
    /// <summary>MurmurHash3 x86 32-bit over the UTF-8 bytes of a string (docs/protocol.md §2.1), allocation-free.</summary>
    internal static class Murmur3
    {
        private const uint C1 = 0xcc9e2d51;
        private const uint C2 = 0x1b873593;
        private const int StackLimit = 512;

        /// <summary>
        /// Hashes the UTF-8 bytes of <paramref name="input"/>. Identifiers are nearly always ASCII, where
        /// UTF-16 chars are the UTF-8 bytes, so that case hashes the chars directly with no encoding step.
        /// </summary>
        public static unsafe int Hash(string input, int seed)
        {
            if (!BitConverter.IsLittleEndian) return HashEncoded(input, seed);
            unchecked
            {
                // One pass: hash the chars as bytes while checking they are ASCII; on the first
                // non-ASCII char start over on the real UTF-8 bytes. Four UTF-16 chars are read as one
                // 64-bit word (no per-char bounds checks), checked at once and packed into the four bytes.
                var h1 = (uint)seed;
                var length = input.Length;
                var blocks = length & ~3;
                fixed (char* chars = input)
                {
                    for (var i = 0; i < blocks; i += 4)
                    {
                        var word = Unaligned(chars + i);
                        if ((word & 0xFF80_FF80_FF80_FF80UL) != 0) return HashEncoded(input, seed);
                        // ASCII chars fill only the low byte of their 16-bit lane: fold each pair of lanes.
                        var folded = word | word >> 8;
                        h1 = MixBody(h1, ((uint)folded & 0xFFFF) | ((uint)(folded >> 16) & 0xFFFF0000));
                    }
                    uint k = 0;
                    switch (length & 3)
                    {
                        case 3:
                            if (chars[blocks + 2] > 0x7F) return HashEncoded(input, seed);
                            k ^= (uint)chars[blocks + 2] << 16;
                            goto case 2;
                        case 2:
                            if (chars[blocks + 1] > 0x7F) return HashEncoded(input, seed);
                            k ^= (uint)chars[blocks + 1] << 8;
                            goto case 1;
                        case 1:
                            if (chars[blocks] > 0x7F) return HashEncoded(input, seed);
                            k ^= chars[blocks];
                            h1 ^= MixK(k);
                            break;
                    }
                }
                return Finish(h1, length);
            }
        }

        /// <summary>Reads 8 bytes at any alignment (a string's chars are only 2-byte aligned).</summary>
        private static unsafe ulong Unaligned(char* at) => System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(at);

        private static int HashEncoded(string input, int seed)
        {
            var byteCount = Encoding.UTF8.GetByteCount(input);
            if (byteCount <= StackLimit)
            {
                Span<byte> buffer = stackalloc byte[byteCount];
                GetUtf8(input, buffer);
                return Hash(buffer, seed);
            }
            var rented = ArrayPool<byte>.Shared.Rent(byteCount);
            try
            {
                var length = GetUtf8(input, rented);
                return Hash(new ReadOnlySpan<byte>(rented, 0, length), seed);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        private static unsafe int GetUtf8(string input, Span<byte> destination)
        {
            fixed (char* chars = input)
            fixed (byte* bytes = destination)
            {
                return Encoding.UTF8.GetBytes(chars, input.Length, bytes, destination.Length);
            }
        }

        public static int Hash(ReadOnlySpan<byte> data, int seed)
        {
            unchecked
            {
                var h1 = (uint)seed;
                var length = data.Length;
                var blocks = length & ~3;
                for (var i = 0; i < blocks; i += 4)
                {
                    var k1 = data[i] | (uint)data[i + 1] << 8 | (uint)data[i + 2] << 16 | (uint)data[i + 3] << 24;
                    h1 = MixBody(h1, k1);
                }
                uint k = 0;
                switch (length & 3)
                {
                    case 3:
                        k ^= (uint)data[blocks + 2] << 16;
                        goto case 2;
                    case 2:
                        k ^= (uint)data[blocks + 1] << 8;
                        goto case 1;
                    case 1:
                        k ^= data[blocks];
                        h1 ^= MixK(k);
                        break;
                }
                return Finish(h1, length);
            }
        }

        private static uint MixK(uint k)
        {
            unchecked
            {
                k *= C1;
                k = RotateLeft(k, 15);
                return k * C2;
            }
        }

        private static uint MixBody(uint h1, uint k1)
        {
            unchecked
            {
                h1 ^= MixK(k1);
                h1 = RotateLeft(h1, 13);
                return h1 * 5 + 0xe6546b64;
            }
        }

        private static int Finish(uint h1, int length)
        {
            unchecked
            {
                h1 ^= (uint)length;
                h1 ^= h1 >> 16;
                h1 *= 0x85ebca6b;
                h1 ^= h1 >> 13;
                h1 *= 0xc2b2ae35;
                h1 ^= h1 >> 16;
                return (int)h1;
            }
        }

        private static uint RotateLeft(uint x, int r) => (x << r) | (x >> (32 - r));
    }
}
