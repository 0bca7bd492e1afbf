namespace Hackle.Internal.Model
{
    internal sealed class Slot
    {
        public Slot(int startInclusive, int endExclusive, long variationId)
        {
            StartInclusive = startInclusive;
            EndExclusive = endExclusive;
            VariationId = variationId;
        }

        public int StartInclusive { get; }
        public int EndExclusive { get; }
        public long VariationId { get; }
    }
}
