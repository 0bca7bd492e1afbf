using CsCheck;
using Hackle;

namespace Hackle.Runtime.Tests.Properties;

/// <summary>
/// Properties of evaluation over generated workspaces and users, loaded through the public API
/// (<see cref="HackleClient.TryLoadConfig"/> on an offline client): evaluation never throws and never
/// fails, returns one of the experiment's variations or the default, is deterministic, and a user's
/// assignment does not move when unrelated experiments are added or removed (issue 12).
/// </summary>
public class EvaluationProperties
{
    // A few hundred workspaces each: a couple of seconds, and CsCheck prints the seed of any failure.
    private const int Iterations = 300;

    private static readonly Gen<(ExperimentShape[] Experiments, UserShape[] Users, string Default)> Cases =
        Gen.Select(Experiments.Shape.Array[1, 6], Users.User.Array[1, 6], Gen.Int[0, 9].Select(i => ((char)('A' + i)).ToString()));

    [Fact]
    public void Evaluation_never_fails_and_returns_a_variation_of_the_experiment_or_the_default()
    {
        Cases.Sample(c =>
        {
            var keyed = c.Experiments.Select((shape, i) => ((long)i + 1, shape)).ToArray();
            using var client = Load(Experiments.Workspace(keyed));
            foreach (var userShape in c.Users)
            {
                var user = userShape.ToUser();
                // Input is checked before the key (docs/protocol.md §3.2): a user without identifiers is INVALID_INPUT everywhere.
                DecisionReason NotFound(DecisionReason reason) => user.HasIdentifiers ? reason : DecisionReason.InvalidInput;
                foreach (var (key, shape) in keyed)
                {
                    if (shape.IsFlag)
                    {
                        var flag = client.FeatureFlagDetail(key, user);
                        Assert.NotEqual(DecisionReason.Exception, flag.Reason);
                        Assert.Equal(NotFound(DecisionReason.ExperimentNotFound), client.VariationDetail(key, user, c.Default).Reason);
                    }
                    else
                    {
                        var decision = client.VariationDetail(key, user, c.Default);
                        Assert.NotEqual(DecisionReason.Exception, decision.Reason);
                        Assert.True(decision.VariationKey == c.Default || shape.VariationKeys.Contains(decision.VariationKey),
                            $"{decision.VariationKey} ({decision.Reason}) is neither the default {c.Default} nor one of {string.Join(",", shape.VariationKeys)}");
                        Assert.Equal(NotFound(DecisionReason.FeatureFlagNotFound), client.FeatureFlagDetail(key, user).Reason);
                    }
                }
                Assert.Equal(NotFound(DecisionReason.ExperimentNotFound), client.VariationDetail(keyed.Length + 1, user, c.Default).Reason);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Evaluation_is_deterministic_across_calls_and_clients()
    {
        Cases.Sample(c =>
        {
            var keyed = c.Experiments.Select((shape, i) => ((long)i + 1, shape)).ToArray();
            var json = Experiments.Workspace(keyed);
            using var first = Load(json);
            using var second = Load(json);
            foreach (var userShape in c.Users)
            {
                foreach (var (key, _) in keyed)
                {
                    var once = Decide(first, key, userShape.ToUser(), c.Default);
                    Assert.Equal(once, Decide(first, key, userShape.ToUser(), c.Default));
                    Assert.Equal(once, Decide(second, key, userShape.ToUser(), c.Default));
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void An_assignment_does_not_move_when_unrelated_experiments_are_added_or_removed()
    {
        Gen.Select(Experiments.Shape, Experiments.Shape.Array[0, 5], Experiments.Shape.Array[0, 5], Users.User.Array[1, 6])
            .Sample((target, before, after, users) =>
            {
                const long targetKey = 7;
                // The other experiments take keys (so ids and bucket ids) the target does not use.
                var withBefore = before.Select((shape, i) => (100L + i, shape)).Prepend((targetKey, target));
                var withAfter = after.Select((shape, i) => (200L + i, shape)).Append((targetKey, target));
                using var one = Load(Experiments.Workspace(withBefore));
                using var other = Load(Experiments.Workspace(withAfter));
                foreach (var userShape in users)
                {
                    Assert.Equal(Decide(one, targetKey, userShape.ToUser(), "A"), Decide(other, targetKey, userShape.ToUser(), "A"));
                }
            }, iter: Iterations);
    }

    [Fact]
    public void The_generated_cases_reach_every_step_of_both_flows()
    {
        // Guards the properties above against a generator that only ever exercises one branch.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<DecisionReason, int>();
        Cases.Sample(c =>
        {
            var keyed = c.Experiments.Select((shape, i) => ((long)i + 1, shape)).ToArray();
            using var client = Load(Experiments.Workspace(keyed));
            foreach (var userShape in c.Users)
                foreach (var (key, _) in keyed)
                    seen.AddOrUpdate(Decide(client, key, userShape.ToUser(), c.Default).Reason, 1, (_, n) => n + 1);
        }, iter: Iterations);

        var expected = new[]
        {
            DecisionReason.Overridden, DecisionReason.IdentifierNotFound, DecisionReason.NotInExperimentTarget,
            DecisionReason.ExperimentDraft, DecisionReason.ExperimentPaused, DecisionReason.ExperimentCompleted,
            DecisionReason.TrafficNotAllocated, DecisionReason.VariationDropped, DecisionReason.TrafficAllocated,
            DecisionReason.FeatureFlagInactive, DecisionReason.IndividualTargetMatch, DecisionReason.TargetRuleMatch,
            DecisionReason.DefaultRule, DecisionReason.InvalidInput,
        };
        Assert.All(expected, reason => Assert.True(seen.ContainsKey(reason),
            $"{reason} never came up; seen: {string.Join(", ", seen.Select(p => p.Key + "=" + p.Value))}"));
    }

    private static (string Variation, DecisionReason Reason) Decide(HackleClient client, long key, HackleUser user, string defaultVariation)
    {
        var flag = client.FeatureFlagDetail(key, user);
        if (flag.Reason != DecisionReason.FeatureFlagNotFound) return (flag.IsOn ? "on" : "off", flag.Reason);
        var decision = client.VariationDetail(key, user, defaultVariation);
        return (decision.VariationKey, decision.Reason);
    }

    private static HackleClient Load(string json)
    {
        var client = HackleClient.Create("pbt-" + Guid.NewGuid().ToString("N"), new HackleClientOptions { Offline = true });
        Assert.True(client.TryLoadConfig(json, out var error), error);
        return client;
    }
}
