using BenchmarkDotNet.Attributes;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Benchmarks;

/// <summary>
/// Issue 14 part 1, before and after in one run: the hash (the per-char loop it replaced, kept in
/// <see cref="PerCharMurmur3"/>, against the word-at-a-time one), bucketing by slot search against the
/// parse-time shortcut, and whole decisions of a fully rolled-out flag, a flag whose default rule splits
/// (30/70) and an A/B test. The baseline is the old hash, whose code does not change between runs.
/// </summary>
[MemoryDiagnoser]
public class ShortcutBenchmarks
{
    private HackleWorkspace _workspace = null!;
    private HackleUser _user = null!;
    private Experiment _rolledOut = null!;
    private Experiment _rolledOutNoShortcut = null!;
    private Experiment _split = null!;
    private Experiment _abTest = null!;
    private Bucket _uniformBucket = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workspace = HackleWorkspace.Parse(ShortcutConfig.Json);
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER", ["age"] = 34 } };
        _rolledOut = _workspace.FeatureFlags[1];
        _rolledOutNoShortcut = _workspace.FeatureFlags[2];
        _split = _workspace.FeatureFlags[3];
        _abTest = _workspace.Experiments[1];
        _uniformBucket = _workspace.Buckets[1];
        if (_uniformBucket.UniformSlot is null || _workspace.Buckets[2].UniformSlot != null)
            throw new InvalidOperationException("bucket 1 must be detected uniform and bucket 2 (a shadowed slot) not");
        if (Decide(_rolledOut) != "B" || Decide(_rolledOutNoShortcut) != "B")
            throw new InvalidOperationException("both rolled-out flags must decide B");
    }

    private string Decide(Experiment experiment)
    {
        var scope = new EvaluationScope(_workspace, _user, experiment);
        return ExperimentEvaluator.Evaluate(ref scope, experiment, "A").VariationKey;
    }

    [Benchmark(Baseline = true)]
    public int Hash_PerChar_Before() => PerCharMurmur3.Hash(BenchmarkConfigs.UserId, 7919);

    [Benchmark]
    public int Hash_WordAtATime_After() => Murmur3.Hash(BenchmarkConfigs.UserId, 7919);

    [Benchmark]
    public long Bucketing_SlotSearch_Before() => Bucketer.BucketingBySlotNumber(_uniformBucket, BenchmarkConfigs.UserId)?.VariationId ?? -1;

    [Benchmark]
    public long Bucketing_Shortcut_After() => Bucketer.Bucketing(_uniformBucket, BenchmarkConfigs.UserId)?.VariationId ?? -1;

    /// <summary>The same 100 % rollout on a bucket the detection cannot prove uniform: the path every flag took before.</summary>
    [Benchmark]
    public string Pure_FlagRolledOut_NoShortcut() => Decide(_rolledOutNoShortcut);

    [Benchmark]
    public string Pure_FlagRolledOut() => Decide(_rolledOut);

    [Benchmark]
    public string Pure_FlagDefaultRuleSplits() => Decide(_split);

    [Benchmark]
    public string Pure_AbTest() => Decide(_abTest);
}

/// <summary>
/// Flag 1 is rolled out to everyone (one slot over [0, 10000) to B); flag 2 is the same rollout behind a
/// shadowed one-slot entry for A that first-match lookup never returns, so the parse-time detection
/// (conservative) leaves it on the hash-and-search path; flag 3 splits 30/70; A/B test 1 splits A/B/C.
/// </summary>
public static class ShortcutConfig
{
    public const string Json = """
    {
      "workspace": { "id": 1, "environment": { "id": 1 } },
      "experiments": [
        { "id": 1, "key": 1, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 11, "key": "A", "status": "ACTIVE" }, { "id": 12, "key": "B", "status": "ACTIVE" }, { "id": 13, "key": "C", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "BUCKET", "bucketId": 4 } } }
      ],
      "featureFlags": [
        { "id": 101, "key": 1, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 1011, "key": "A", "status": "ACTIVE" }, { "id": 1012, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "BUCKET", "bucketId": 1 } } },
        { "id": 102, "key": 2, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 1011, "key": "A", "status": "ACTIVE" }, { "id": 1012, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "BUCKET", "bucketId": 2 } } },
        { "id": 103, "key": 3, "version": 1, "identifierType": "$id",
          "variations": [ { "id": 1011, "key": "A", "status": "ACTIVE" }, { "id": 1012, "key": "B", "status": "ACTIVE" } ],
          "execution": { "status": "RUNNING", "version": 1, "userOverrides": [], "segmentOverrides": [], "targetAudiences": [], "targetRules": [],
                         "defaultRule": { "type": "BUCKET", "bucketId": 3 } } }
      ],
      "buckets": [
        { "id": 1, "seed": 104729, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 10000, "variationId": 1012 } ] },
        { "id": 2, "seed": 104729, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 10000, "variationId": 1012 }, { "startInclusive": 0, "endExclusive": 1, "variationId": 1011 } ] },
        { "id": 3, "seed": 104729, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 3000, "variationId": 1012 }, { "startInclusive": 3000, "endExclusive": 10000, "variationId": 1011 } ] },
        { "id": 4, "seed": 7919, "slotSize": 10000, "slots": [ { "startInclusive": 0, "endExclusive": 3000, "variationId": 11 }, { "startInclusive": 3000, "endExclusive": 6000, "variationId": 12 }, { "startInclusive": 6000, "endExclusive": 9000, "variationId": 13 } ] }
      ],
      "events": [], "segments": [], "containers": [], "parameterConfigurations": [], "remoteConfigParameters": []
    }
    """;
}
