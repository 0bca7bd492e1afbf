namespace Hackle.Internal.Model
{
    internal sealed class Segment
    {
        public long Id;
        public string Key = "";
        public SegmentType Type;
        public Target[] Targets = System.Array.Empty<Target>();
    }
}
