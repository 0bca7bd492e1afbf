namespace Hackle.Internal.Model
{
    internal enum ActionType { Variation, Bucket }
}
