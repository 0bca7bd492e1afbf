using BenchmarkDotNet.Attributes;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Benchmarks;

/// <summary>A/B decisions through a mutual-exclusion container and through a nested AB_TEST condition.</summary>
[MemoryDiagnoser]
public class TargetingBenchmarks
{
    private HackleClient _client = null!;
    private HackleWorkspace _workspace = null!;
    private HackleUser _user = null!;
    private Experiment _inContainer = null!;
    private Experiment _nested = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workspace = HackleWorkspace.Parse(TargetingConfigs.Json);
        _client = BenchmarkConfigs.OfflineClient(_workspace);
        _user = new HackleUser(BenchmarkConfigs.UserId);
        _inContainer = _workspace.Experiments[1];
        _nested = _workspace.Experiments[2];
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public string Pure_Container()
    {
        var scope = new EvaluationScope(_workspace, _user, _inContainer);
        return ExperimentEvaluator.Evaluate(ref scope, _inContainer, "A").VariationKey;
    }

    [Benchmark]
    public string Pure_NestedAbTestCondition()
    {
        var scope = new EvaluationScope(_workspace, _user, _nested);
        return ExperimentEvaluator.Evaluate(ref scope, _nested, "A").VariationKey;
    }

    [Benchmark]
    public string Api_Container() => _client.Variation(1, _user);

    /// <summary>Two exposures: the root and the nested experiment.</summary>
    [Benchmark]
    public string Api_NestedAbTestCondition() => _client.Variation(2, _user);
}
