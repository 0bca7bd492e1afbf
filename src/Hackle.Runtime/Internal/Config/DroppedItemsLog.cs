using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Config
{
    /// <summary>Logs the entities a config left out, once per config put in force, bounded so a broken export cannot flood the log.</summary>
    internal static class DroppedItemsLog
    {
        /// <summary>Entities named one by one; the rest are counted in one line.</summary>
        public const int MaxNamed = 20;

        public static void Write(ILogger logger, HackleWorkspace workspace)
        {
            var dropped = workspace.DroppedItems;
            for (var i = 0; i < dropped.Count && i < MaxNamed; i++) Log.ConfigItemDropped(logger, dropped[i]);
            if (dropped.Count > MaxNamed) Log.ConfigItemsDroppedMore(logger, dropped.Count - MaxNamed, MaxNamed);
        }
    }
}
