using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>
/// Issue 18, before and after in one run: what building a user allocates. "Before" is the constructor as it
/// was (<see cref="EagerCollectionsUser"/>: the same five fields, both collections created up front).
/// </summary>
[MemoryDiagnoser]
public class UserBenchmarks
{
    [Benchmark(Baseline = true)]
    public object IdOnly_Before() => new EagerCollectionsUser(BenchmarkConfigs.UserId);

    [Benchmark]
    public object IdOnly_After() => new HackleUser(BenchmarkConfigs.UserId);

    [Benchmark]
    public object TwoProperties_Before()
    {
        var user = new EagerCollectionsUser(BenchmarkConfigs.UserId);
        user.Properties["grade"] = "GOLD";
        user.Properties["age"] = 34;
        return user;
    }

    [Benchmark]
    public object TwoProperties_After() => new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "GOLD", ["age"] = 34 } };
}

/// <summary>The shape of <see cref="HackleUser"/> before issue 18: identifiers and properties made in the constructor.</summary>
internal sealed class EagerCollectionsUser
{
    private readonly string? _id;
#pragma warning disable CS0169, CS0649 // same fields as the old HackleUser, so the object has the same size
    private readonly string? _userId;
    private readonly string? _deviceId;
#pragma warning restore CS0169, CS0649

    public EagerCollectionsUser(string id) => _id = HackleIdentifiers.IsValidValue(id) ? id : null;

    public HackleIdentifiers Identifiers { get; } = new HackleIdentifiers();
    public HackleProperties Properties { get; } = new HackleProperties();
    public string? Id => _id;
}
