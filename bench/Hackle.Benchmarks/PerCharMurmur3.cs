namespace Hackle.Benchmarks;

/// <summary>
/// The string hash as it was before issue 14 (commit de79d62): one char at a time with a bounds check per
/// char. ASCII only here (the benchmarks hash a UUID); kept as the unchanging baseline of <see cref="ShortcutBenchmarks"/>.
/// </summary>
internal static class PerCharMurmur3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    public static int Hash(string input, int seed)
    {
        unchecked
        {
            // One pass: hash the chars as bytes while checking they are ASCII; on the first
            // non-ASCII char start over on the real UTF-8 bytes.
            var h1 = (uint)seed;
            var length = input.Length;
            var blocks = length & ~3;
            for (var i = 0; i < blocks; i += 4)
            {
                uint c0 = input[i], c1 = input[i + 1], c2 = input[i + 2], c3 = input[i + 3];
                if ((c0 | c1 | c2 | c3) > 0x7F) throw new ArgumentException("ASCII only");
                h1 = MixBody(h1, c0 | c1 << 8 | c2 << 16 | c3 << 24);
            }
            uint k = 0;
            switch (length & 3)
            {
                case 3:
                    if (input[blocks + 2] > 0x7F) throw new ArgumentException("ASCII only");
                    k ^= (uint)input[blocks + 2] << 16;
                    goto case 2;
                case 2:
                    if (input[blocks + 1] > 0x7F) throw new ArgumentException("ASCII only");
                    k ^= (uint)input[blocks + 1] << 8;
                    goto case 1;
                case 1:
                    if (input[blocks] > 0x7F) throw new ArgumentException("ASCII only");
                    k ^= input[blocks];
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
