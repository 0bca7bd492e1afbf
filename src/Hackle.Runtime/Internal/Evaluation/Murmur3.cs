using System;
using System.Buffers;

namespace Hackle.Internal.Evaluation
{
    /// <summary>MurmurHash3 x86 32-bit over the UTF-8 bytes of a string as Java encodes them (docs/protocol.md §2.1), allocation-free.</summary>
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
            var byteCount = JavaUtf8ByteCount(input);
            if (byteCount <= StackLimit)
            {
                Span<byte> buffer = stackalloc byte[byteCount];
                WriteJavaUtf8(input, buffer);
                return Hash(buffer, seed);
            }
            var rented = ArrayPool<byte>.Shared.Rent(byteCount);
            try
            {
                var length = WriteJavaUtf8(input, rented);
                return Hash(new ReadOnlySpan<byte>(rented, 0, length), seed);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        // Java's String.getBytes(UTF_8) (what Hackle's Java SDK hashes) writes a lone surrogate as '?'
        // (0x3F); .NET's Encoding.UTF8 would write U+FFFD (EF BF BD) and bucket such ids differently.
        // So the bytes are produced here, with Java's replacement, instead of by Encoding.UTF8.
        private static int JavaUtf8ByteCount(string input)
        {
            var count = 0;
            for (var i = 0; i < input.Length; i++)
            {
                var c = input[i];
                if (c < 0x80) count += 1;
                else if (c < 0x800) count += 2;
                else if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1])) { count += 4; i++; }
                else if (char.IsSurrogate(c)) count += 1;
                else count += 3;
            }
            return count;
        }

        private static int WriteJavaUtf8(string input, Span<byte> destination)
        {
            var n = 0;
            for (var i = 0; i < input.Length; i++)
            {
                int c = input[i];
                if (c < 0x80)
                {
                    destination[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    destination[n++] = (byte)(0xC0 | c >> 6);
                    destination[n++] = (byte)(0x80 | c & 0x3F);
                }
                else if (char.IsHighSurrogate((char)c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32((char)c, input[++i]);
                    destination[n++] = (byte)(0xF0 | codePoint >> 18);
                    destination[n++] = (byte)(0x80 | codePoint >> 12 & 0x3F);
                    destination[n++] = (byte)(0x80 | codePoint >> 6 & 0x3F);
                    destination[n++] = (byte)(0x80 | codePoint & 0x3F);
                }
                else if (char.IsSurrogate((char)c))
                {
                    destination[n++] = (byte)'?';
                }
                else
                {
                    destination[n++] = (byte)(0xE0 | c >> 12);
                    destination[n++] = (byte)(0x80 | c >> 6 & 0x3F);
                    destination[n++] = (byte)(0x80 | c & 0x3F);
                }
            }
            return n;
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
