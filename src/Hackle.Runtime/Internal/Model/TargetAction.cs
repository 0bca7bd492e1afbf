namespace Hackle.Internal.Model
{
    /// <summary>
    /// What a rule does: pick a fixed variation or bucket the user. The variation or bucket is looked
    /// up once, when the config is parsed; null means it is missing, which evaluation reports as an error.
    /// </summary>
    internal sealed class TargetAction
    {
        public TargetAction(ActionType type, long? variationId, long? bucketId, Variation? variation, Bucket? bucket)
        {
            Type = type;
            VariationId = variationId;
            BucketId = bucketId;
            Variation = variation;
            Bucket = bucket;
        }

        public ActionType Type { get; }
        public long? VariationId { get; }
        public long? BucketId { get; }
        public Variation? Variation { get; }
        public Bucket? Bucket { get; }
    }
}
