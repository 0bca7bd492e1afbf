namespace Hackle.Benchmarks;

/// <summary>
/// Process start to first decision: an offline client loads <c>configPath</c> as an app would at startup,
/// decides the config's first A/B test for one user and prints it. Timed as a whole process (docs/benchmarks.md).
/// </summary>
public static class FirstDecision
{
    public static async Task<int> RunAsync(string configPath)
    {
        using var client = HackleClient.Create("first-decision", new HackleClientOptions
        {
            Offline = true,
            ConfigFilePath = configPath,
            EventSink = new DiscardingEventSink(),
        });
        if (!await client.WaitUntilReadyAsync()) { Console.Error.WriteLine("config not loaded: " + configPath); return 1; }
        // Key 42 is the repo manifest's Checkout; the generated config's keys start at 1.
        var key = configPath.EndsWith("hackle.flags.json", StringComparison.Ordinal) ? 42 : 1;
        var decision = client.VariationDetail(key, new HackleUser(BenchmarkConfigs.UserId));
        Console.WriteLine($"experiment {key}: {decision.VariationKey} ({decision.Reason.ToWireName()})");
        return decision.Reason == DecisionReason.ExperimentNotFound ? 1 : 0;
    }
}
