using System.Collections.Generic;

namespace Hackle.Internal.Model
{
    internal sealed class Container
    {
        public long Id;
        public long BucketId;
        /// <summary>The container's bucket, resolved at parse time; null when missing.</summary>
        public Bucket? Bucket;
        public Dictionary<long, long[]> Groups = new Dictionary<long, long[]>();
    }
}
