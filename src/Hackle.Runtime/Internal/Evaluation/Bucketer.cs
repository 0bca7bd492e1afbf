using Hackle.Internal.Model;

namespace Hackle.Internal.Evaluation
{
    /// <summary>Maps an identifier to a slot of a bucket (spec §2.2-2.3).</summary>
    internal static class Bucketer
    {
        /// <summary>
        /// <c>abs32(hash) % slotSize</c> with Java's int arithmetic: abs(int.MinValue) stays negative,
        /// so that hash lands on a negative slot number that no slot holds.
        /// </summary>
        public static int SlotNumber(int seed, int slotSize, string identifier)
        {
            var hash = Murmur3.Hash(identifier, seed);
            var abs = hash < 0 ? unchecked(-hash) : hash;
            return slotSize == 0 ? -1 : abs % slotSize;
        }

        public static Slot? Bucketing(Bucket bucket, string identifier) =>
            bucket.GetSlot(SlotNumber(bucket.Seed, bucket.SlotSize, identifier));
    }
}
