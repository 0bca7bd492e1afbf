using BenchmarkDotNet.Attributes;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;

namespace Hackle.Benchmarks;

/// <summary>
/// The floor a decision cannot go below, measured piece by piece on the same config and user as
/// <see cref="EvaluationBenchmarks"/>: the identifier hash, the key lookup and the slot search.
/// </summary>
[MemoryDiagnoser]
public class FloorBenchmarks
{
    private HackleWorkspace _large = null!;
    private Bucket _bucket = null!;

    [GlobalSetup]
    public void Setup()
    {
        _large = HackleWorkspace.Parse(BenchmarkConfigs.Large());
        _bucket = _large.Buckets[100007];
    }

    [Benchmark]
    public int Hash_UuidIdentifier() => Murmur3.Hash(BenchmarkConfigs.UserId, 7919);

    [Benchmark]
    public long KeyLookup() => _large.FeatureFlags[7].Id;

    [Benchmark]
    public int HashAndSlot() => Bucketer.Bucketing(_bucket, BenchmarkConfigs.UserId)?.StartInclusive ?? -1;
}
