extern alias generator;

using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;
using GeneratorReader = generator::Hackle.Generators.Manifest.ManifestReader;
using ManifestModel = generator::Hackle.Generators.Manifest.ManifestModel;

namespace Hackle.Runtime.Tests.Robustness;

/// <summary>
/// Mutations of every carried config (<see cref="ConfigMutations"/>) through the runtime's parser (from bytes
/// and from text), a client's <see cref="HackleClient.TryLoadConfig"/>, and the generator's manifest reader.
/// Asserted: no exception but the documented <see cref="HackleConfigException"/> from the runtime, none at all
/// from the generator (a rejected document speaks through diagnostics), each input read in under 2 s, a rejected
/// document leaves a client's config in force, and a truncated document is rejected by both readers.
/// </summary>
public class ConfigMutationTests(ITestOutputHelper output)
{
    /// <summary>
    /// Generous: a mutant is at most a few MB and most take milliseconds; this catches a hang or a blow-up, not a
    /// slowdown (100,000 skipped items, each with its diagnostic, take the generator about a second on a loaded CI box).
    /// </summary>
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Seeds() => new(ConfigMutations.SeedFiles().Select(ConfigMutations.Relative));

    /// <summary>The seeds the runtime takes (not tests/TestData/manifests/rejected: cutting a trailing extra value makes one valid).</summary>
    public static TheoryData<string> AcceptedSeeds() => new(ConfigMutations.SeedFiles().Where(f => TryParse(File.ReadAllBytes(f)) != null).Select(ConfigMutations.Relative));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_runtime_parser_rejects_a_mutant_only_with_a_config_exception(string seed)
    {
        int accepted = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        foreach (var mutant in ConfigMutations.All(Full(seed)))
        {
            foreach (var (how, parse) in new (string, Action)[]
                     {
                         ("bytes", () => HackleWorkspace.Parse(mutant.Bytes)),
                         ("text", () => HackleWorkspace.Parse(Decode(mutant.Bytes))),
                     })
            {
                var time = Stopwatch.StartNew();
                var outcome = Record.Exception(parse);
                time.Stop();
                if (outcome == null) accepted++;
                else if (outcome is HackleConfigException config) { rejected++; Assert.False(string.IsNullOrWhiteSpace(config.Message), mutant + " (" + how + "): empty message"); }
                else Assert.Fail(mutant + " (" + how + ") threw " + outcome);
                Assert.True(time.Elapsed < PerInputLimit, mutant + " (" + how + ") took " + time.Elapsed);
                if (time.Elapsed > slowest) slowest = time.Elapsed;
            }
        }
        output.WriteLine(seed + ": " + accepted + " accepted, " + rejected + " rejected, slowest " + slowest.TotalMilliseconds.ToString("F0") + " ms");
        Assert.True(rejected > 0, "no mutant was rejected: the mutations do not bite");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_client_keeps_its_last_good_config_when_a_mutant_is_rejected(string seed)
    {
        var good = TryParse(File.ReadAllBytes(Full(seed))) ?? HackleWorkspace.Load(TestPaths.Manifest);
        using var client = HackleClient.Create("robustness-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true, Workspace = good, EventSink = new InMemoryEventSink() });
        var user = new HackleUser("user-1");
        var keys = good.Experiments.Keys.Take(3).ToList();
        var before = keys.Select(k => client.VariationDetail(k, user).ToString()).ToList();

        int accepted = 0, rejected = 0;
        foreach (var mutant in ConfigMutations.All(Full(seed)))
        {
            var time = Stopwatch.StartNew();
            var loaded = client.TryLoadConfig(Decode(mutant.Bytes), out var error);
            time.Stop();
            Assert.True(time.Elapsed < PerInputLimit, mutant + " took " + time.Elapsed);
            if (loaded)
            {
                accepted++;
                Assert.Null(error);
                Assert.NotSame(good, client.Workspace);
                // Whatever was taken is decided without an exception reaching the caller (a mutated variation key may
                // decide as EXCEPTION, as in Java: that is a reason, not a throw).
                foreach (var key in client.Workspace!.Experiments.Keys.Take(3))
                    Assert.Null(Record.Exception(() => client.VariationDetail(key, user)));
                client.SetWorkspace(good);
            }
            else
            {
                rejected++;
                Assert.False(string.IsNullOrWhiteSpace(error), mutant + ": rejected without a reason");
                Assert.Same(good, client.Workspace);
                Assert.Equal(before, keys.Select(k => client.VariationDetail(k, user).ToString()).ToList());
            }
        }
        output.WriteLine(seed + ": " + accepted + " taken, " + rejected + " rejected with the last good config kept");
        Assert.True(rejected > 0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_generator_reader_never_throws_and_a_rejected_mutant_has_diagnostics(string seed)
    {
        int valid = 0, invalid = 0;
        var slowest = TimeSpan.Zero;
        foreach (var mutant in ConfigMutations.All(Full(seed)))
        {
            // As the compiler hands an additional file over: decoded from the bytes (it detects the encoding,
            // falling back when the bytes are not UTF-8), and as text already decoded.
            foreach (var (how, text) in new (string, Func<SourceText>)[]
                     {
                         ("stream", () => SourceText.From(new MemoryStream(mutant.Bytes), throwIfBinaryDetected: false)),
                         ("text", () => SourceText.From(Decode(mutant.Bytes))),
                     })
            {
                var time = Stopwatch.StartNew();
                ManifestModel? model = null;
                var outcome = Record.Exception(() => model = GeneratorReader.Read("/repo/hackle.flags.json", text(), CancellationToken.None));
                time.Stop();
                Assert.True(outcome == null, mutant + " (" + how + ") threw " + outcome);
                Assert.True(time.Elapsed < PerInputLimit, mutant + " (" + how + ") took " + time.Elapsed);
                if (time.Elapsed > slowest) slowest = time.Elapsed;
                if (model!.IsValid) valid++;
                else { invalid++; Assert.True(model.Diagnostics.Count > 0, mutant + " (" + how + "): rejected without a diagnostic"); }
            }
        }
        output.WriteLine(seed + ": " + valid + " read, " + invalid + " rejected with diagnostics, slowest " + slowest.TotalMilliseconds.ToString("F0") + " ms");
        Assert.True(invalid > 0);
    }

    [Theory]
    [MemberData(nameof(AcceptedSeeds))]
    public void A_truncated_config_is_rejected_by_both_readers(string seed)
    {
        var bytes = File.ReadAllBytes(Full(seed));
        var significant = ConfigMutations.SignificantLength(bytes);
        var cuts = 0;
        foreach (var mutant in ConfigMutations.Truncations(bytes).Where(m => m.Bytes.Length < significant))
        {
            cuts++;
            Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(mutant.Bytes));
            Assert.False(GeneratorReader.Read("/repo/hackle.flags.json", SourceText.From(Decode(mutant.Bytes)), CancellationToken.None).IsValid, mutant.ToString());
        }
        Assert.True(cuts > 0 || significant <= 1, "no cut");
    }

    [Fact]
    public void Nesting_10000_levels_deep_is_rejected_by_both_readers()
    {
        var deep = ConfigMutations.DeepNestings(File.ReadAllBytes(TestPaths.Manifest)).ToList();
        Assert.Equal(4, deep.Count);
        foreach (var mutant in deep)
        {
            // Wherever it is, even in a field nobody reads: both stop at the nesting limit.
            var error = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(mutant.Bytes));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            var model = GeneratorReader.Read("/repo/hackle.flags.json", SourceText.From(Decode(mutant.Bytes)), CancellationToken.None);
            Assert.False(model.IsValid, mutant.ToString());
        }
    }

    [Theory]
    [InlineData("\"green\"", "button_color")]
    [InlineData("\"Free shipping on orders over $50\"", "a remote-config default value")]
    public void Invalid_UTF8_in_an_untyped_value_is_a_config_exception_and_the_client_keeps_its_config(string value, string where)
    {
        // Untyped values (parameter values, remote-config values, rule values) are decoded after the structure is read;
        // this threw InvalidOperationException from Parse and through TryLoadConfig before.
        var bytes = File.ReadAllBytes(TestPaths.Manifest);
        var at = IndexOf(bytes, Encoding.UTF8.GetBytes(value));
        Assert.True(at > 0, where + " not found in hackle.flags.json");
        var mutated = bytes.Take(at + 1).Append((byte)0xC3).Concat(bytes.Skip(at + 1)).ToArray();

        var error = Assert.Throws<HackleConfigException>(() => HackleWorkspace.Parse(mutated));
        Assert.Contains("UTF-8", error.Message);

        var good = HackleWorkspace.Parse(bytes);
        using var client = HackleClient.Create("robustness-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true, Workspace = good, EventSink = new InMemoryEventSink() });
        // The string API sees the replacement character, which is valid: taken. The bytes themselves are the bad config.
        Assert.True(client.TryLoadConfig(Decode(mutated), out _));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }

    private static string Full(string relative) => Path.Combine(TestPaths.RepoRoot, relative);

    /// <summary>UTF-8 with replacement characters for invalid bytes and the byte-order mark kept, as a caller holding a string would have it.</summary>
    private static string Decode(byte[] bytes) => new UTF8Encoding(false).GetString(bytes);

    private static HackleWorkspace? TryParse(byte[] bytes)
    {
        try { return HackleWorkspace.Parse(bytes); }
        catch (HackleConfigException) { return null; }
    }
}
