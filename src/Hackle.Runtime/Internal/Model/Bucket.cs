using System;

namespace Hackle.Internal.Model
{
    /// <summary>
    /// A bucket of slots (docs/protocol.md §2.2-2.3). When it is built, it works out whether bucketing can skip the
    /// hash: see <see cref="UniformSlot"/> and <see cref="HashFreeSlot"/>.
    /// </summary>
    internal sealed class Bucket
    {
        public Bucket(long id, int seed, int slotSize, Slot[] slots)
        {
            Id = id;
            Seed = seed;
            SlotSize = slotSize;
            Slots = slots;
            UniformSlot = FindUniformSlot(slotSize, slots);
            if (UniformSlot != null)
            {
                // The one slot number outside [0, slotSize) a hash can give: abs(int.MinValue) stays
                // negative in Java's int arithmetic (docs/protocol.md §2.2), so that user lands on int.MinValue % slotSize.
                var minValueSlot = GetSlot(int.MinValue % slotSize);
                if (minValueSlot != null && minValueSlot.VariationId == UniformSlot.VariationId) HashFreeSlot = UniformSlot;
            }
        }

        public long Id { get; }
        public int Seed { get; }
        public int SlotSize { get; }
        public Slot[] Slots { get; }

        /// <summary>
        /// A slot whose variation id is the one every slot number in [0, <see cref="SlotSize"/>) gets, or
        /// null when the slots split that range or leave part of it uncovered (such a user is not allocated).
        /// Bucketing still hashes for it: only the hash tells whether the user is the int.MinValue case.
        /// </summary>
        public Slot? UniformSlot { get; }

        /// <summary>
        /// <see cref="UniformSlot"/> when every slot number a hash can give, int.MinValue's included, gets
        /// its variation id: bucketing then needs no hash at all. Null otherwise.
        /// </summary>
        public Slot? HashFreeSlot { get; }

        /// <summary>The first slot holding <paramref name="slotNumber"/>, or null.</summary>
        public Slot? GetSlot(int slotNumber)
        {
            var slots = Slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].StartInclusive <= slotNumber && slotNumber < slots[i].EndExclusive) return slots[i];
            }
            return null;
        }

        /// <summary>
        /// Conservative: every slot that holds some number of [0, slotSize) must name the same variation
        /// (a shadowed slot with another variation, which first-match lookup never returns, still makes the
        /// bucket non-uniform), and together they must cover the whole range.
        /// </summary>
        private static Slot? FindUniformSlot(int slotSize, Slot[] slots)
        {
            if (slotSize <= 0) return null;
            Slot? uniform = null;
            var ranges = new (int Start, int End)[slots.Length];
            var count = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                var start = Math.Max(slots[i].StartInclusive, 0);
                var end = Math.Min(slots[i].EndExclusive, slotSize);
                if (start >= end) continue;
                if (uniform is null) uniform = slots[i];
                else if (uniform.VariationId != slots[i].VariationId) return null;
                ranges[count++] = (start, end);
            }
            if (uniform is null) return null;
            Array.Sort(ranges, 0, count);
            var covered = 0;
            for (var i = 0; i < count; i++)
            {
                if (ranges[i].Start > covered) return null;
                if (ranges[i].End > covered) covered = ranges[i].End;
            }
            return covered >= slotSize ? uniform : null;
        }
    }
}
