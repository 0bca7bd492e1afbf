using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Hackle.Benchmarks;

/// <summary>
/// The closest decision in Microsoft.FeatureManagement 4.7: a flag with a group target (GOLD, VIP) and a
/// 30 % default rollout, evaluated for a user outside the groups, against Hackle's NewCheckout-shaped flag
/// (a property rule for GOLD/VIP and a 30 % rollout). Same user, same run.
/// </summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private IFeatureManager _featureManager = null!;
    private TargetingContext _context = null!;
    private ServiceProvider _services = null!;
    private HackleClient _client = null!;
    private HackleUser _user = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FeatureManagement:NewCheckout:EnabledFor:0:Name"] = "Microsoft.Targeting",
            ["FeatureManagement:NewCheckout:EnabledFor:0:Parameters:Audience:Groups:0:Name"] = "GOLD",
            ["FeatureManagement:NewCheckout:EnabledFor:0:Parameters:Audience:Groups:0:RolloutPercentage"] = "100",
            ["FeatureManagement:NewCheckout:EnabledFor:0:Parameters:Audience:Groups:1:Name"] = "VIP",
            ["FeatureManagement:NewCheckout:EnabledFor:0:Parameters:Audience:Groups:1:RolloutPercentage"] = "100",
            ["FeatureManagement:NewCheckout:EnabledFor:0:Parameters:Audience:DefaultRolloutPercentage"] = "30",
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFeatureManagement().Services.BuildServiceProvider();
        _featureManager = _services.GetRequiredService<IFeatureManager>();
        _context = new TargetingContext { UserId = BenchmarkConfigs.UserId, Groups = new[] { "SILVER" } };

        _client = BenchmarkConfigs.OfflineClient(HackleWorkspace.Parse(BenchmarkConfigs.Large()));
        _user = new HackleUser(BenchmarkConfigs.UserId) { Properties = { ["grade"] = "SILVER" } };
        // Both sides must make the same kind of decision: about 30 % on for users outside the groups.
        var peerOn = 0;
        var hackleOn = 0;
        for (var i = 0; i < 2000; i++)
        {
            if (_featureManager.IsEnabledAsync("NewCheckout", new TargetingContext { UserId = "user-" + i, Groups = new[] { "SILVER" } }).Result) peerOn++;
            if (_client.IsFeatureOn(8, new HackleUser("user-" + i) { Properties = { ["grade"] = "SILVER" } })) hackleOn++;
        }
        if (peerOn is < 500 or > 700 || hackleOn is < 500 or > 700)
            throw new InvalidOperationException($"Rollouts differ from 30 %: peer {peerOn}/2000, Hackle {hackleOn}/2000.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> FeatureManagement_IsEnabledAsync_Targeting() => await _featureManager.IsEnabledAsync("NewCheckout", _context);

    /// <summary>Flag 8 of the generated config: property rule (GOLD, VIP) then a 30 % rollout, exposure enqueued.</summary>
    [Benchmark]
    public bool Hackle_IsFeatureOn_RuleAndRollout() => _client.IsFeatureOn(8, _user);
}
