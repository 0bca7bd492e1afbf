using System.Text.Json.Nodes;
using CsCheck;
using Hackle;

namespace Hackle.Runtime.Tests.Properties;

/// <summary>
/// The shape of one generated A/B test or feature flag, kept as plain data so a failing case prints
/// readably and can be placed under any key (ids and the bucket id derive from the key).
/// </summary>
internal sealed record ExperimentShape(
    bool IsFlag,
    string Status,
    string IdentifierType,
    int FirstVariationKey,
    int VariationCount,
    int DroppedMask,
    int Winner,
    int Seed,
    int[] Cuts,
    int[] SlotVariations,
    (int User, int Variation)[] Overrides,
    int Audience,
    (int Condition, int Variation)[] Rules)
{
    public string[] VariationKeys => IsFlag
        ? new[] { "A", "B" }
        : Enumerable.Range(FirstVariationKey, VariationCount).Select(i => ((char)('A' + i)).ToString()).ToArray();

    public long VariationId(long key, int index) => key * 100 + index;

    /// <summary>The experiment and its bucket in the wire format.</summary>
    public (JsonObject Experiment, JsonObject Bucket) ToJson(long key)
    {
        var keys = VariationKeys;
        var variations = new JsonArray();
        for (var i = 0; i < keys.Length; i++)
            variations.Add(Config.Variation(VariationId(key, i), keys[i], dropped: !IsFlag && (DroppedMask & (1 << i)) != 0));

        var slots = new List<(int Start, int End, long VariationId)>();
        var bounds = Cuts.Where(c => c > 0 && c < 10000).Distinct().Order().Prepend(0).Append(10000).ToArray();
        for (var i = 0; i + 1 < bounds.Length; i++)
        {
            var variation = SlotVariations[i % SlotVariations.Length];
            // A flag must always decide, so its bucket leaves no gap; an A/B test may leave traffic out.
            if (variation < 0 && IsFlag) variation = 0;
            if (variation >= 0) slots.Add((bounds[i], bounds[i + 1], VariationId(key, variation % keys.Length)));
        }
        var bucket = Config.BucketDef(key, Seed, slots.ToArray());

        var overrides = new JsonArray();
        foreach (var (user, variation) in Overrides)
            overrides.Add(new JsonObject { ["userId"] = Users.Pool[user % Users.Pool.Length], ["variationId"] = VariationId(key, variation % keys.Length) });

        var audiences = Audience < 0 ? null : Config.Array(Config.Target(Conditions.Get(Audience)));
        var rules = new JsonArray();
        if (IsFlag)
        {
            foreach (var (condition, variation) in Rules)
            {
                var action = variation < 0 ? Config.Bucket(key) : Config.VariationAction(VariationId(key, variation % keys.Length));
                rules.Add(Config.Rule(Config.Target(Conditions.Get(condition)), action));
            }
        }

        var experiment = Config.Experiment(key, status: Status, bucketId: key, identifierType: IdentifierType,
            variations: variations, userOverrides: overrides, targetAudiences: IsFlag ? null : audiences, targetRules: rules,
            winnerVariationId: Status == "STOPPED" ? VariationId(key, Winner % keys.Length) : null);
        return (experiment, bucket);
    }
}

/// <summary>A fixed catalogue of conditions over the generated users' properties.</summary>
internal static class Conditions
{
    public const int Count = 6;

    public static JsonObject Get(int index) => (index % Count) switch
    {
        0 => Config.Condition("USER_PROPERTY", "grade", "IN", "STRING", Config.Array("GOLD")),
        1 => Config.Condition("USER_PROPERTY", "grade", "IN", "STRING", Config.Array("GOLD", "SILVER")),
        2 => Config.Condition("USER_PROPERTY", "age", "GTE", "NUMBER", Config.Array(30)),
        3 => Config.Condition("USER_PROPERTY", "age", "LT", "NUMBER", Config.Array(20), matchType: "NOT_MATCH"),
        4 => Config.Condition("USER_PROPERTY", "tags", "CONTAINS", "STRING", Config.Array("x")),
        _ => Config.Condition("USER_ID", "$id", "STARTS_WITH", "STRING", Config.Array("u1")),
    };
}

/// <summary>A generated user: identifiers from a small pool (so overrides hit), arbitrary text or blank, and properties.</summary>
internal sealed record UserShape(string Id, string? UserId, string? DeviceId, string? Custom, string? Grade, int? Age, string[] Tags)
{
    public HackleUser ToUser()
    {
        var user = new HackleUser(Id) { UserId = UserId, DeviceId = DeviceId };
        if (Custom != null) user.Identifiers["custom"] = Custom;
        if (Grade != null) user.Properties["grade"] = Grade;
        if (Age != null) user.Properties["age"] = Age.Value;
        if (Tags.Length > 0) user.Properties["tags"] = Tags;
        return user;
    }
}

/// <summary>The generators.</summary>
internal static class Users
{
    public static readonly string[] Pool = Enumerable.Range(0, 12).Select(i => "u" + i).ToArray();

    private static readonly Gen<string> Identifier = Gen.Frequency(
        (3, Gen.Int[0, Pool.Length - 1].Select(i => Pool[i])),
        (1, Gen.String[Gen.Char, 1, 24]),
        (1, Gen.Const(" "))); // blank: dropped, so some users end up without any identifier

    private static readonly Gen<string?> OptionalIdentifier = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (1, Identifier.Select(s => (string?)s)));

    public static readonly Gen<UserShape> User =
        from id in Identifier
        from userId in OptionalIdentifier
        from deviceId in OptionalIdentifier
        from custom in OptionalIdentifier
        from grade in Gen.Int[0, 3].Select(i => i switch { 0 => "GOLD", 1 => "SILVER", 2 => "BRONZE", _ => (string?)null })
        from age in Gen.Int[-1, 60].Select(a => a < 0 ? (int?)null : a)
        from tags in Gen.Int[0, 2].Select(i => new[] { "x", "y", "z" }[i]).Array[0, 3]
        select new UserShape(id, userId, deviceId, custom, grade, age, tags);
}

internal static class Experiments
{
    private static readonly string[] Statuses = { "RUNNING", "RUNNING", "RUNNING", "READY", "PAUSED", "STOPPED" };
    private static readonly string[] IdentifierTypes = { "$id", "$id", "$userId", "$deviceId", "custom" };

    public static readonly Gen<ExperimentShape> Shape =
        from isFlag in Gen.Bool
        from status in Gen.Int[0, Statuses.Length - 1].Select(i => Statuses[i])
        from identifierType in Gen.Int[0, IdentifierTypes.Length - 1].Select(i => IdentifierTypes[i])
        from count in Gen.Int[2, 4]
        from first in Gen.Int[0, 10 - count]
        from dropped in Gen.Int[0, 15]
        from winner in Gen.Int[0, 3]
        from seed in Gen.Int
        from cuts in Gen.Int[0, 10000].Array[0, 4]
        from slotVariations in Gen.Int[-1, 3].Array[1, 5]
        from overrides in Gen.Select(Gen.Int[0, 20], Gen.Int[0, 3]).Array[0, 2]
        from audience in Gen.Int[-1, Conditions.Count - 1]
        from rules in Gen.Select(Gen.Int[0, Conditions.Count - 1], Gen.Int[-1, 1]).Array[0, 2]
        select new ExperimentShape(isFlag, status, identifierType, first, count, dropped, winner, seed, cuts, slotVariations, overrides, audience, rules);

    /// <summary>The config text of a workspace holding <paramref name="experiments"/> under their keys.</summary>
    public static string Workspace(IEnumerable<(long Key, ExperimentShape Shape)> experiments)
    {
        var abTests = new JsonArray();
        var flags = new JsonArray();
        var buckets = new JsonArray();
        foreach (var (key, shape) in experiments)
        {
            var (experiment, bucket) = shape.ToJson(key);
            (shape.IsFlag ? flags : abTests).Add(experiment);
            buckets.Add(bucket);
        }
        return Config.Workspace(experiments: abTests, featureFlags: flags, buckets: buckets).ToJsonString();
    }
}
