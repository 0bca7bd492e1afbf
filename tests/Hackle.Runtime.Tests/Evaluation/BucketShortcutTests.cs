using Hackle;
using Hackle.Internal.Evaluation;
using Hackle.Internal.Model;
using static Hackle.Runtime.Tests.Config;

namespace Hackle.Runtime.Tests.Evaluation;

/// <summary>
/// The parse-time bucketing shortcuts (issue 14 part 1) against bucketing as the spec writes it: the same
/// variation for every slot number, for every identifier tried, and for the one hash (int.MinValue) that
/// lands outside [0, slotSize) and leaves the user unallocated in Java.
/// </summary>
public class BucketShortcutTests
{
    private static Bucket Make(int slotSize, params (int Start, int End, long VariationId)[] slots) =>
        new(1, 7919, slotSize, slots.Select(s => new Slot(s.Start, s.End, s.VariationId)).ToArray());

    // name -> bucket, uniform over [0, slotSize), no hash needed at all
    private static readonly Dictionary<string, (Bucket Bucket, bool Uniform, bool HashFree)> Cases = new()
    {
        ["one slot over the whole range"] = (Make(10000, (0, 10000, 5)), true, false),
        ["two slots, one variation"] = (Make(10000, (0, 3000, 5), (3000, 10000, 5)), true, false),
        ["overlapping slots, one variation"] = (Make(10000, (5000, 10000, 5), (0, 6000, 5)), true, false),
        ["slots beyond both ends, int.MinValue's slot held"] = (Make(10000, (-5000, 20000, 5)), true, true),
        ["power-of-two slot size: int.MinValue lands on slot 0"] = (Make(16, (0, 16, 5)), true, true),
        ["last slot number missing"] = (Make(10000, (0, 9999, 5)), false, false),
        ["a gap in the middle"] = (Make(10000, (0, 4000, 5), (4001, 10000, 5)), false, false),
        ["a real split"] = (Make(10000, (0, 3000, 5), (3000, 10000, 6)), false, false),
        ["a shadowed slot of another variation"] = (Make(10000, (0, 10000, 5), (0, 1, 6)), false, false),
        ["empty slots only"] = (Make(10000, (0, 0, 5)), false, false),
        ["no slots"] = (Make(10000), false, false),
        ["slot size zero"] = (Make(0, (0, 10000, 5)), false, false),
    };

    public static TheoryData<string> Buckets => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Shortcut_gives_the_slot_lookup_variation_for_every_slot_number(string name)
    {
        var (bucket, uniform, hashFree) = Cases[name];
        Assert.True(uniform == (bucket.UniformSlot != null), name);
        Assert.True(hashFree == (bucket.HashFreeSlot != null), name);
        if (bucket.UniformSlot is not { } shortcut) return;
        for (var slotNumber = 0; slotNumber < bucket.SlotSize; slotNumber++)
            Assert.Equal(bucket.GetSlot(slotNumber)?.VariationId, shortcut.VariationId);
        if (bucket.HashFreeSlot != null)
            Assert.Equal(bucket.GetSlot(int.MinValue % bucket.SlotSize)?.VariationId, shortcut.VariationId);
    }

    [Theory]
    [MemberData(nameof(Buckets))]
    public void Shortcut_and_normal_path_agree_for_many_identifiers(string name)
    {
        var bucket = Cases[name].Bucket;
        var identifiers = Enumerable.Range(0, 5000).Select(i => "user-" + i)
            .Concat(Enumerable.Range(0, 1000).Select(i => new Guid(i, 7, 9, new byte[] { 1, 2, 3, 4, 5, 6, 7, (byte)i }).ToString()))
            .Append(IdentifierHashingToMinValue(bucket.Seed));
        foreach (var id in identifiers)
            Assert.True(Bucketer.BucketingBySlotNumber(bucket, id)?.VariationId == Bucketer.Bucketing(bucket, id)?.VariationId, name + ": " + id);
    }

    [Fact]
    public void The_int_min_value_hash_is_not_allocated_even_on_a_bucket_uniform_over_its_range()
    {
        var bucket = Make(10000, (0, 10000, 5));
        var id = IdentifierHashingToMinValue(bucket.Seed);
        Assert.Equal(int.MinValue, Murmur3.Hash(id, bucket.Seed));
        Assert.Equal(-3648, Bucketer.SlotNumber(bucket.Seed, bucket.SlotSize, id));
        Assert.Null(Bucketer.BucketingBySlotNumber(bucket, id));
        Assert.Null(Bucketer.Bucketing(bucket, id));
        Assert.NotNull(Bucketer.Bucketing(bucket, "user-1"));
    }

    [Fact]
    public void Decisions_on_a_fully_rolled_out_bucket_match_java_for_the_int_min_value_user()
    {
        var seed = 7919;
        var unlucky = new HackleUser(IdentifierHashingToMinValue(seed));
        var abTest = Experiment(1, bucketId: 1);
        var flag = Experiment(2, bucketId: 2);
        using var t = new TestClient(Workspace(
            experiments: Array(abTest), featureFlags: Array(flag),
            buckets: Array(BucketDef(1, seed, (0, 10000, 12)), BucketDef(2, seed, (0, 5000, 22), (5000, 10000, 22)))).ToJsonString());

        var lucky = new HackleUser("user-1");
        Assert.Equal(("B", DecisionReason.TrafficAllocated), Outcome.Of(t.Client.VariationDetail(1, lucky)));
        Assert.Equal((true, DecisionReason.DefaultRule), Outcome.Of(t.Client.FeatureFlagDetail(2, lucky)));

        // Java: abs(int.MinValue) % 10000 = -3648, no slot: the A/B test is not allocated, the flag's
        // action resolves to nothing and the evaluation fails.
        Assert.Equal(("A", DecisionReason.TrafficNotAllocated), Outcome.Of(t.Client.VariationDetail(1, unlucky)));
        Assert.Equal(DecisionReason.Exception, t.Client.FeatureFlagDetail(2, unlucky).Reason);
    }

    /// <summary>
    /// An 8-char ASCII identifier whose MurmurHash3 with <paramref name="seed"/> is int.MinValue, found by
    /// running the hash backwards: the finalizer and the block mix are bijections, so after a chosen first
    /// block the second block is solved for, and kept when its bytes are printable ASCII.
    /// </summary>
    internal static string IdentifierHashingToMinValue(int seed)
    {
        const uint c1 = 0xcc9e2d51, c2 = 0x1b873593;
        unchecked
        {
            var target = UnFinish(0x80000000u) ^ 8u; // h1 before the finalizer, 8 = byte length
            for (uint n = 0; ; n++)
            {
                var first = new[] { (char)('a' + n % 26), (char)('a' + n / 26 % 26), (char)('a' + n / 676 % 26), (char)('a' + n / 17576 % 26) };
                var h0 = MixBody((uint)seed, first[0] | (uint)first[1] << 8 | (uint)first[2] << 16 | (uint)first[3] << 24);
                // target = rotl(h0 ^ mixK(k), 13) * 5 + 0xe6546b64
                var mixed = RotateRight((target - 0xe6546b64) * 0xCCCCCCCDu, 13) ^ h0;
                var k = RotateRight(mixed * Inverse(c2), 15) * Inverse(c1);
                var bytes = new[] { k & 0xFF, k >> 8 & 0xFF, k >> 16 & 0xFF, k >> 24 };
                if (bytes.All(b => b >= 0x21 && b <= 0x7E))
                    return new string(first) + new string(bytes.Select(b => (char)b).ToArray());
            }

            uint MixBody(uint h, uint block)
            {
                h ^= RotateLeft(block * c1, 15) * c2;
                return RotateLeft(h, 13) * 5 + 0xe6546b64;
            }
        }
    }

    private static uint UnFinish(uint h)
    {
        unchecked
        {
            h ^= h >> 16;
            h *= Inverse(0xc2b2ae35);
            h ^= h >> 13 ^ h >> 26;
            h *= Inverse(0x85ebca6b);
            h ^= h >> 16;
            return h;
        }
    }

    /// <summary>The multiplicative inverse of an odd number modulo 2^32 (Newton's iteration).</summary>
    private static uint Inverse(uint a)
    {
        unchecked
        {
            var x = a;
            for (var i = 0; i < 5; i++) x *= 2 - a * x;
            return x;
        }
    }

    private static uint RotateLeft(uint x, int r) => x << r | x >> (32 - r);
    private static uint RotateRight(uint x, int r) => x >> r | x << (32 - r);
}
