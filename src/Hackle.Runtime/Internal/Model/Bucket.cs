namespace Hackle.Internal.Model
{
    internal sealed class Bucket
    {
        public long Id;
        public int Seed;
        public int SlotSize;
        public Slot[] Slots = System.Array.Empty<Slot>();

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
    }
}
