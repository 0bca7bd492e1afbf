namespace Hackle.Integration.Tests.Support;

/// <summary>
/// Measures what a decision or a track allocates on the calling thread. The runtime itself may allocate on that
/// thread now and then (tiered JIT swapping code in, a type's first use), more often on a loaded machine; a real
/// per-call allocation shows in every window, so the least of several windows is the call's own cost.
/// </summary>
internal static class AllocationProbe
{
    private const int Windows = 5;
    private const int WarmUpCalls = 200;

    /// <summary>Bytes per <see cref="IHackleClient.FeatureFlagDetail"/> call, the least of several windows of <paramref name="calls"/> calls each.</summary>
    public static long PerDecision(IHackleClient client, HackleUser user, int calls) =>
        Least(calls, () => client.FeatureFlagDetail(Configs.FlagKey, user));

    /// <summary>Bytes per <see cref="IHackleClient.Track(HackleEvent, HackleUser)"/> call, measured the same way.</summary>
    public static long PerTrack(IHackleClient client, HackleEvent hackleEvent, HackleUser user, int calls) =>
        Least(calls, () => client.Track(hackleEvent, user));

    /// <summary>How many calls a probe makes at most (warm-up and every window), for the tests that count the events.</summary>
    public static int MaxCalls(int calls) => WarmUpCalls + Windows * calls;

    /// <summary>The least bytes per call of up to <see cref="Windows"/> windows; the delegate is made before any window, so it costs none of them.</summary>
    private static long Least(int calls, Action call)
    {
        for (var i = 0; i < WarmUpCalls; i++) call();
        var least = long.MaxValue;
        for (var window = 0; window < Windows && least > 0; window++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < calls; i++) call();
            least = Math.Min(least, (GC.GetAllocatedBytesForCurrentThread() - before) / calls);
        }
        return least;
    }
}
