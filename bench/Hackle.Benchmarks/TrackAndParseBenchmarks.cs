using BenchmarkDotNet.Attributes;

namespace Hackle.Benchmarks;

/// <summary>Track enqueue and parsing of the 1,000 + 1,000 config.</summary>
[MemoryDiagnoser]
public class TrackAndParseBenchmarks
{
    private HackleClient _client = null!;
    private HackleUser _user = null!;
    private HackleEvent _purchase = null!;
    private byte[] _largeConfig = null!;

    [GlobalSetup]
    public void Setup()
    {
        _largeConfig = System.Text.Encoding.UTF8.GetBytes(BenchmarkConfigs.Large());
        _client = BenchmarkConfigs.OfflineClient(HackleWorkspace.Parse(_largeConfig));
        _user = new HackleUser(BenchmarkConfigs.UserId);
        _purchase = new HackleEvent("purchase") { Value = 12.5, Properties = { ["pay_method"] = "CARD" } };
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public void Track() => _client.Track(_purchase, _user);

    [Benchmark]
    public int ParseLargeConfig() => HackleWorkspace.Parse(_largeConfig).ExperimentCount;
}
