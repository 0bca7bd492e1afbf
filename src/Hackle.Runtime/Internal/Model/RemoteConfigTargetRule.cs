namespace Hackle.Internal.Model
{
    internal sealed class RemoteConfigTargetRule
    {
        public string Key = "";
        public string Name = "";
        public Target Target = null!;
        public long BucketId;
        /// <summary>The rollout bucket, resolved at parse time; null when missing.</summary>
        public Bucket? Bucket;
        public long? ValueId;
        public object? Value;
    }
}
