using BenchmarkDotNet.Attributes;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Benchmarks;

/// <summary>
/// Decisions on the repo's manifest and the 1,000 + 1,000 config: pure evaluation (the internal evaluator,
/// no event) and the public API with the exposure event enqueued to a discarding sink.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private HackleClient _client = null!;
    private HackleWorkspace _large = null!;
    private HackleUser _user = null!;
    private Experiment _checkout = null!;
    private Experiment _flagNoRules = null!;
    private Experiment _flagRuleAndRollout = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = HackleWorkspace.Parse(BenchmarkConfigs.Large());
        _client = BenchmarkConfigs.OfflineClient(_large);
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER", ["age"] = 34 } };
        _checkout = _large.Experiments[42];
        _flagNoRules = _large.FeatureFlags[7];
        _flagRuleAndRollout = _large.FeatureFlags[8];
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public bool Pure_FlagNoRules()
    {
        var scope = new EvaluationScope(_large, _user, _flagNoRules);
        return ExperimentEvaluator.Evaluate(ref scope, _flagNoRules, "A").VariationKey != "A";
    }

    [Benchmark]
    public bool Pure_FlagRuleAndRollout()
    {
        var scope = new EvaluationScope(_large, _user, _flagRuleAndRollout);
        return ExperimentEvaluator.Evaluate(ref scope, _flagRuleAndRollout, "A").VariationKey != "A";
    }

    [Benchmark]
    public string Pure_AbTestTrafficAllocation()
    {
        var scope = new EvaluationScope(_large, _user, _checkout);
        return ExperimentEvaluator.Evaluate(ref scope, _checkout, "A").VariationKey;
    }

    [Benchmark]
    public bool Api_IsFeatureOn_NoRules() => _client.IsFeatureOn(7, _user);

    [Benchmark]
    public bool Api_IsFeatureOn_RuleAndRollout() => _client.IsFeatureOn(8, _user);

    [Benchmark]
    public string Api_Variation() => _client.Variation(42, _user);
}
