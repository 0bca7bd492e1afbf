namespace Hackle.Internal.Model
{
    internal enum SegmentType { UserId, UserProperty }
}
