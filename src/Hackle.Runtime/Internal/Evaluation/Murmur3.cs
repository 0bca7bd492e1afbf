using System;
using System.Buffers;
using System.Text;

namespace Hackle.Internal.Evaluation
{
    /// <summary>MurmurHash3 x86 32-bit over the UTF-8 bytes of a string (spec §2.1), allocation-free.</summary>
    internal static class Murmur3
    {
        private const int StackLimit = 1024;

        public static int Hash(string input, int seed)
        {
            var maxBytes = input.Length * 3;
            if (maxBytes <= StackLimit)
            {
                Span<byte> buffer = stackalloc byte[StackLimit];
                var length = GetUtf8(input, buffer);
                return Hash(buffer.Slice(0, length), seed);
            }
            var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
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
                const uint c1 = 0xcc9e2d51;
                const uint c2 = 0x1b873593;
                var h1 = (uint)seed;
                var length = data.Length;
                var blocks = length / 4;

                for (var i = 0; i < blocks; i++)
                {
                    var offset = i * 4;
                    var k1 = (uint)(data[offset] | data[offset + 1] << 8 | data[offset + 2] << 16 | data[offset + 3] << 24);
                    k1 *= c1;
                    k1 = RotateLeft(k1, 15);
                    k1 *= c2;
                    h1 ^= k1;
                    h1 = RotateLeft(h1, 13);
                    h1 = h1 * 5 + 0xe6546b64;
                }

                var tail = blocks * 4;
                uint k = 0;
                switch (length & 3)
                {
                    case 3:
                        k ^= (uint)data[tail + 2] << 16;
                        goto case 2;
                    case 2:
                        k ^= (uint)data[tail + 1] << 8;
                        goto case 1;
                    case 1:
                        k ^= data[tail];
                        k *= c1;
                        k = RotateLeft(k, 15);
                        k *= c2;
                        h1 ^= k;
                        break;
                }

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
