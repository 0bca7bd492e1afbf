using System;
using System.Runtime.InteropServices;

namespace Hackle.Internal
{
    /// <summary>Writes a Guid as <see cref="Guid.ToString()"/> does ("D": 36 lowercase characters) into a span, without making a string.</summary>
    internal static class GuidText
    {
        public const int Length = 36;

        public static void Format(Guid guid, Span<char> destination)
        {
#if NET
            guid.TryFormat(destination, out _);
#else
            // Guid's fields in declaration order (int, short, short, 8 bytes), as "D" prints them.
            var parts = new GuidParts { Guid = guid };
            Hex(parts.A, 8, destination.Slice(0, 8));
            destination[8] = '-';
            Hex(parts.B, 4, destination.Slice(9, 4));
            destination[13] = '-';
            Hex(parts.C, 4, destination.Slice(14, 4));
            destination[18] = '-';
            Hex(parts.D, 2, destination.Slice(19, 2));
            Hex(parts.E, 2, destination.Slice(21, 2));
            destination[23] = '-';
            Hex(parts.F, 2, destination.Slice(24, 2));
            Hex(parts.G, 2, destination.Slice(26, 2));
            Hex(parts.H, 2, destination.Slice(28, 2));
            Hex(parts.I, 2, destination.Slice(30, 2));
            Hex(parts.J, 2, destination.Slice(32, 2));
            Hex(parts.K, 2, destination.Slice(34, 2));
#endif
        }

#if !NET
        private static void Hex(uint value, int digits, Span<char> destination)
        {
            for (var i = digits - 1; i >= 0; i--)
            {
                var nibble = (int)(value & 0xF);
                destination[i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
                value >>= 4;
            }
        }

        [StructLayout(LayoutKind.Explicit)]
        private struct GuidParts
        {
            [FieldOffset(0)] public Guid Guid;
            [FieldOffset(0)] public uint A;
            [FieldOffset(4)] public ushort B;
            [FieldOffset(6)] public ushort C;
            [FieldOffset(8)] public byte D;
            [FieldOffset(9)] public byte E;
            [FieldOffset(10)] public byte F;
            [FieldOffset(11)] public byte G;
            [FieldOffset(12)] public byte H;
            [FieldOffset(13)] public byte I;
            [FieldOffset(14)] public byte J;
            [FieldOffset(15)] public byte K;
        }
#endif
    }
}
