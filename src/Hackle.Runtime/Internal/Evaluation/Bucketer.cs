using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Maps an identifier to a slot of a bucket (docs/protocol.md §2.2-2.3).</summary>
    internal static class Bucketer
    {
        /// <summary>
        /// <c>abs32(hash) % slotSize</c> with Java's int arithmetic: abs(int.MinValue) stays negative,
        /// so that hash lands on a negative slot number that no slot holds.
        /// </summary>
        public static int SlotNumber(int seed, int slotSize, string identifier) =>
            SlotNumber(Murmur3.Hash(identifier, seed), slotSize);

        private static int SlotNumber(int hash, int slotSize)
        {
            var abs = hash < 0 ? unchecked(-hash) : hash;
            return slotSize == 0 ? -1 : abs % slotSize;
        }

        /// <summary>
        /// The slot of <paramref name="identifier"/>, with the shortcuts the bucket worked out when it was
        /// parsed: no hash when every possible slot number gets one variation; a hash but no slot search
        /// when only the int.MinValue hash can differ. Same slot variation as <see cref="BucketingBySlotNumber"/>.
        /// </summary>
        public static Slot? Bucketing(Bucket bucket, string identifier)
        {
            if (bucket.HashFreeSlot is Slot fixedSlot) return fixedSlot;
            var hash = Murmur3.Hash(identifier, bucket.Seed);
            if (bucket.UniformSlot is Slot uniform && hash != int.MinValue) return uniform;
            return bucket.GetSlot(SlotNumber(hash, bucket.SlotSize));
        }

        /// <summary>Bucketing as the spec writes it (hash, slot number, first slot holding it): the reference for the shortcuts.</summary>
        public static Slot? BucketingBySlotNumber(Bucket bucket, string identifier) =>
            bucket.GetSlot(SlotNumber(bucket.Seed, bucket.SlotSize, identifier));
    }
}
