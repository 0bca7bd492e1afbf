namespace Hackle.Integration.Tests.Support;

/// <summary>
/// Measures what a decision allocates on the calling thread. The runtime itself may allocate on that thread
/// now and then (tiered JIT swapping code in, a type's first use), more often on a loaded machine; a real
/// per-decision allocation shows in every window, so the least of several windows is the decision's own cost.
/// </summary>
internal static class AllocationProbe
{
    private const int Windows = 5;

    /// <summary>Bytes per <see cref="IHackleClient.FeatureFlagDetail"/> call, the least of several windows of <paramref name="calls"/> calls each.</summary>
    public static long PerDecision(IHackleClient client, HackleUser user, int calls)
    {
        for (var i = 0; i < 200; i++) client.FeatureFlagDetail(Configs.FlagKey, user);
        var least = long.MaxValue;
        for (var window = 0; window < Windows && least > 0; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++) client.FeatureFlagDetail(Configs.FlagKey, user);
            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
        }
        return least;
    }
}
