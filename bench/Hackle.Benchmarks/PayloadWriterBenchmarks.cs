using BenchmarkDotNet.Attributes;
using Hackle.Internal.Delivery;
using Hackle.Internal.Evaluation;

namespace Hackle.Benchmarks;

/// <summary>
/// The delivery loop's share of an exposure (issue 18): writing a batch of 100 exposure records (flag 7 of the
/// 1,000 + 1,000 config, the benchmark user with two properties) into a pooled buffer, insertIds included,
/// per event; and a batch of 100 track events (event objects). No HTTP: that is <see cref="DeliveryBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class PayloadWriterBenchmarks
{
    private const int BatchSize = 100;
    private readonly QueuedEvent[] _batch = new QueuedEvent[BatchSize];
    private readonly QueuedEvent[] _tracks = new QueuedEvent[BatchSize];
    private readonly QueuedEvent[] _distinctUsers = new QueuedEvent[BatchSize];
    private readonly EventPayloadWriter _writer = new EventPayloadWriter(keepObjectInsertIds: false);
    private readonly PooledBufferWriter _buffer = new PooledBufferWriter();

    [GlobalSetup]
    public void Setup()
    {
        var workspace = HackleWorkspace.Parse(BenchmarkConfigs.Large());
        var user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER", ["age"] = 34 } };
        var flag = workspace.FeatureFlags[7];
        var scope = new EvaluationScope(workspace, user, flag);
        var evaluation = ExperimentEvaluator.Evaluate(ref scope, flag, "A");
        for (var i = 0; i < BatchSize; i++) _batch[i].Exposure = new ExposureRecord(evaluation, user, 1_700_000_000_000 + i, null, 0);
        for (var i = 0; i < BatchSize; i++)
        {
            var other = new HackleUser(BenchmarkConfigs.UserId + i) { Properties = { ["grade"] = "SILVER", ["age"] = 34 } };
            _distinctUsers[i].Exposure = new ExposureRecord(evaluation, other, 1_700_000_000_000 + i, null, 0);
        }
        var purchase = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
        for (var i = 0; i < BatchSize; i++) _tracks[i].Event = new TrackEvent(user, 1_700_000_000_000 + i, 3, purchase);
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int WriteExposureBatch()
    {
        _writer.Write(_buffer, _batch, BatchSize, out _, out _);
        var body = _buffer.Detach();
        body.Return();
        return body.Length;
    }

    /// <summary>A batch whose exposures are of 100 different users (a web app's requests): no user part to copy.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int WriteExposureBatchOfDistinctUsers()
    {
        _writer.Write(_buffer, _distinctUsers, BatchSize, out _, out _);
        var body = _buffer.Detach();
        body.Return();
        return body.Length;
    }

    /// <summary>Track events are event objects: their bodies go through Utf8JsonWriter (the user part copied for a run of one user).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int WriteTrackBatch()
    {
        _writer.Write(_buffer, _tracks, BatchSize, out _, out _);
        var body = _buffer.Detach();
        body.Return();
        return body.Length;
    }
}
