using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>The generated typed accessors against the raw calls they wrap, on the repo's hackle.flags.json.</summary>
[MemoryDiagnoser]
public class TypedAccessorBenchmarks
{
    private HackleClient _client = null!;
    private HackleUser _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = HackleClient.Create("bench-typed-" + Guid.NewGuid(), new HackleClientOptions
        {
            Offline = true,
            ConfigFilePath = BenchmarkConfigs.ManifestPath,
            EventSink = new DiscardingEventSink(),
        });
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };
        if (Experiments.Checkout.Variation(_client, _user).ToString() != _client.Variation(42, _user))
            throw new InvalidOperationException("The typed accessor and the raw call disagree.");
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark(Baseline = true)]
    public string Raw_Variation() => _client.Variation(42, _user);

    [Benchmark]
    public Experiments.Checkout.Variant Typed_Variation() => Experiments.Checkout.Variation(_client, _user);

    /// <summary>The static form, through <see cref="HackleClient.Current"/>.</summary>
    [Benchmark]
    public Experiments.Checkout.Variant Typed_Variation_CurrentClient() => Experiments.Checkout.Variation(_user);

    /// <summary>Only the lookup the static accessors make per decision (the scoped test client check included).</summary>
    [Benchmark]
    public IHackleClient Current_Lookup() => HackleClient.Current;

    [Benchmark]
    public bool Raw_IsFeatureOn() => _client.IsFeatureOn(7, _user);

    [Benchmark]
    public bool Typed_IsOn() => Features.NewCheckout.IsOn(_client, _user);
}
