using BenchmarkDotNet.Attributes;
using Hackle.Internal.Evaluation;

namespace Hackle.Benchmarks;

/// <summary>
/// Scaling: the same number of decisions on one thread and split over two; and decisions while another
/// thread swaps the workspace snapshot every millisecond. Each invocation makes <see cref="Decisions"/> decisions.
/// </summary>
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    public const int Decisions = 100_000;
    private HackleClient _client = null!;
    private HackleWorkspace[] _snapshots = null!;
    private HackleUser[] _users = null!;

    [GlobalSetup]
    public void Setup()
    {
        var json = BenchmarkConfigs.Large();
        _snapshots = new[] { HackleWorkspace.Parse(json), HackleWorkspace.Parse(json) };
        _client = BenchmarkConfigs.OfflineClient(_snapshots[0]);
        _users = Enumerable.Range(0, 1024).Select(i => new HackleUser("user-" + i) { Properties = { ["grade"] = "SILVER" } }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    private int Decide(int from, int count)
    {
        var on = 0;
        for (var i = from; i < from + count; i++)
        {
            if (_client.FeatureFlagDetail(8, _users[i & 1023]).IsOn) on++;
        }
        return on;
    }

    /// <summary>Pure evaluation (no event): what scales when nothing is shared but the read-only snapshot.</summary>
    private int Evaluate(int from, int count)
    {
        var workspace = _snapshots[0];
        var flag = workspace.FeatureFlags[8];
        var on = 0;
        for (var i = from; i < from + count; i++)
        {
            var scope = new EvaluationScope(workspace, _users[i & 1023], flag);
            if (ExperimentEvaluator.Evaluate(ref scope, flag, "A").VariationKey != "A") on++;
        }
        return on;
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Pure_OneThread() => Evaluate(0, Decisions);

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int Pure_TwoThreads()
    {
        var half = Decisions / 2;
        var other = Task.Run(() => Evaluate(half, half));
        return Evaluate(0, half) + other.Result;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Decisions)]
    public int OneThread() => Decide(0, Decisions);

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int TwoThreads()
    {
        var half = Decisions / 2;
        var other = Task.Run(() => Decide(half, half));
        return Decide(0, half) + other.Result;
    }

    [Benchmark(OperationsPerInvoke = Decisions)]
    public int OneThreadWhileSwappingEveryMillisecond()
    {
        using var stop = new CancellationTokenSource();
        var swapper = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                _client.SetWorkspace(_snapshots[i & 1]);
                Thread.Sleep(1);
            }
        });
        var on = Decide(0, Decisions);
        stop.Cancel();
        swapper.Wait();
        return on;
    }
}
