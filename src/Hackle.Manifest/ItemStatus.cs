namespace Hackle.Manifest
{
    /// <summary>
    /// The status of an experiment or feature flag, from <c>execution.status</c> (READY, RUNNING, PAUSED,
    /// STOPPED on the wire). The top-level <c>status</c> field is not read, as in the SDKs.
    /// </summary>
    internal enum ItemStatus
    {
        /// <summary>READY on the wire.</summary>
        Draft,
        /// <summary>RUNNING on the wire.</summary>
        Running,
        /// <summary>PAUSED on the wire.</summary>
        Paused,
        /// <summary>STOPPED on the wire.</summary>
        Completed,
    }

    /// <summary>Display names of <see cref="ItemStatus"/>, as the Hackle dashboard shows them.</summary>
    internal static class ItemStatusNames
    {
        /// <summary>DRAFT, RUNNING, PAUSED or COMPLETED.</summary>
        public static string ToDisplayName(this ItemStatus status) => status switch
        {
            ItemStatus.Draft => "DRAFT",
            ItemStatus.Running => "RUNNING",
            ItemStatus.Paused => "PAUSED",
            _ => "COMPLETED",
        };

        /// <summary>Maps a wire <c>execution.status</c>; false for values the SDKs drop.</summary>
        public static bool TryParseWire(string? value, out ItemStatus status)
        {
            switch (value)
            {
                case "READY": status = ItemStatus.Draft; return true;
                case "RUNNING": status = ItemStatus.Running; return true;
                case "PAUSED": status = ItemStatus.Paused; return true;
                case "STOPPED": status = ItemStatus.Completed; return true;
                default: status = ItemStatus.Draft; return false;
            }
        }
    }
}
