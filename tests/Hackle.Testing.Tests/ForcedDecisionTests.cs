using Hackle.Testing;

namespace TestClientTests;

/// <summary>Forced values, per user and per predicate, their reasons, and reset.</summary>
public class ForcedDecisionTests
{
    private static readonly HackleUser User = new("user-1");

    [Fact]
    public void ForcedValuesAreReturnedWithTheOverrideReasons()
    {
        var test = new HackleTestClient()
            .ForceVariation(42, "C")
            .ForceFeature(7, true)
            .SetRemoteConfig("banner", "Hi")
            .SetRemoteConfig("threshold", 30000.0)
            .SetRemoteConfig("show", true);

        var variation = test.VariationDetail(42, User);
        Assert.Equal("C", variation.VariationKey);
        Assert.Equal(DecisionReason.Overridden, variation.Reason);
        var flag = test.FeatureFlagDetail(7, User);
        Assert.True(flag.IsOn);
        Assert.Equal(DecisionReason.IndividualTargetMatch, flag.Reason);
        Assert.Equal(("Hi", DecisionReason.TargetRuleMatch), Pair(test.RemoteConfigDetail("banner", User, "default")));
        Assert.Equal((30000.0, DecisionReason.TargetRuleMatch), Pair(test.RemoteConfigDetail("threshold", User, 0.0)));
        Assert.Equal((true, DecisionReason.TargetRuleMatch), Pair(test.RemoteConfigDetail("show", User, false)));
    }

    [Fact]
    public void WithoutAForceOrAWorkspaceTheDefaultComesWithTheNotFoundReason()
    {
        var test = new HackleTestClient();
        Assert.Equal(("B", DecisionReason.ExperimentNotFound), (test.VariationDetail(42, User, "B").VariationKey, test.VariationDetail(42, User, "B").Reason));
        Assert.Equal((false, DecisionReason.FeatureFlagNotFound), (test.FeatureFlagDetail(7, User).IsOn, test.FeatureFlagDetail(7, User).Reason));
        Assert.Equal(("Welcome", DecisionReason.RemoteConfigParameterNotFound), Pair(test.RemoteConfigDetail("banner", User, "Welcome")));
        // The real client sends nothing for a key it does not know; neither does the test client.
        Assert.Empty(test.Events);
    }

    [Fact]
    public void AUserWithoutIdentifiersIsInvalidInputEvenWhenForced()
    {
        var test = new HackleTestClient().ForceVariation(42, "B").ForceFeature(7, true).SetRemoteConfig("banner", "Hi");
        var anonymous = new HackleUser();
        Assert.Equal(DecisionReason.InvalidInput, test.VariationDetail(42, anonymous).Reason);
        Assert.Equal("A", test.VariationDetail(42, anonymous).VariationKey);
        Assert.False(test.FeatureFlagDetail(7, anonymous).IsOn);
        Assert.Equal(("x", DecisionReason.InvalidInput), Pair(test.RemoteConfigDetail("banner", anonymous, "x")));
        Assert.Empty(test.Events);
    }

    [Fact]
    public void AForceForAUserOrPredicateBeatsAForceForEveryone()
    {
        var test = new HackleTestClient()
            .ForceVariation(42, "B", "vip")
            .ForceVariation(42, "C", u => u.Properties.TryGetValue("grade", out var g) && (string?)g == "GOLD")
            .ForceVariation(42, "A");

        Assert.Equal("B", test.VariationDetail(42, new HackleUser("vip")).VariationKey);
        Assert.Equal("B", test.VariationDetail(42, new HackleUser("device") { UserId = "vip" }).VariationKey);
        Assert.Equal("C", test.VariationDetail(42, new HackleUser("other") { Properties = { ["grade"] = "GOLD" } }).VariationKey);
        Assert.Equal("A", test.VariationDetail(42, new HackleUser("other")).VariationKey);
    }

    [Fact]
    public void AmongForcesOfTheSameKindTheLatestWins()
    {
        var test = new HackleTestClient().ForceVariation(42, "B").ForceVariation(42, "C");
        Assert.Equal("C", test.VariationDetail(42, User).VariationKey);
        test.ForceFeature(7, true, "user-1").ForceFeature(7, false, "user-1");
        Assert.False(test.FeatureFlagDetail(7, User).IsOn);
        Assert.Equal(DecisionReason.IndividualTargetMatch, test.FeatureFlagDetail(7, User).Reason);
    }

    [Fact]
    public void AForceForOneUserLeavesTheOthersToTheDefault()
    {
        var test = new HackleTestClient().ForceFeature(7, true, "beta-user");
        Assert.True(test.FeatureFlagDetail(7, new HackleUser("beta-user")).IsOn);
        var other = test.FeatureFlagDetail(7, User);
        Assert.Equal((false, DecisionReason.FeatureFlagNotFound), (other.IsOn, other.Reason));
    }

    [Fact]
    public void ResetForgetsForcesAndRecords()
    {
        var test = new HackleTestClient().ForceVariation(42, "B").ForceFeature(7, true).SetRemoteConfig("banner", "Hi");
        test.VariationDetail(42, User);
        test.ResetVariation(42);
        Assert.Equal(DecisionReason.ExperimentNotFound, test.VariationDetail(42, User).Reason);
        Assert.True(test.FeatureFlagDetail(7, User).IsOn);
        test.ResetFeature(7);
        Assert.Equal(DecisionReason.FeatureFlagNotFound, test.FeatureFlagDetail(7, User).Reason);
        test.ResetRemoteConfig("banner");
        Assert.Equal(DecisionReason.RemoteConfigParameterNotFound, test.RemoteConfigDetail("banner", User, "d").Reason);

        test.ForceVariation(42, "C");
        test.VariationDetail(42, User);
        Assert.Equal(3, test.Exposures.Count);
        test.ClearRecorded();
        Assert.Empty(test.Events);
        Assert.Equal("C", test.VariationDetail(42, User).VariationKey);
        test.Reset();
        Assert.Empty(test.Events);
        Assert.Equal(DecisionReason.ExperimentNotFound, test.VariationDetail(42, User).Reason);
    }

    [Fact]
    public void AValueOfAnotherTypeThanAskedForIsATypeMismatch()
    {
        var test = new HackleTestClient().SetRemoteConfig("threshold", "not a number");
        Assert.Equal((12.5, DecisionReason.TypeMismatch), Pair(test.RemoteConfigDetail("threshold", User, 12.5)));
        var recorded = Assert.Single(test.RemoteConfigEvaluations);
        Assert.Equal(("STRING", "NUMBER", DecisionReason.TypeMismatch), (recorded.ParameterType, recorded.RequestValueType, recorded.Reason));
        Assert.Equal(12.5, recorded.ReturnValue);
    }

    [Theory]
    [InlineData("K")]
    [InlineData("")]
    [InlineData("AB")]
    [InlineData("1")]
    public void AVariationKeyOutsideAToJIsRefused(string key)
    {
        var e = Assert.Throws<ArgumentException>(() => new HackleTestClient().ForceVariation(42, key));
        Assert.Contains("one letter from \"A\" to \"J\"", e.Message);
    }

    [Fact]
    public void ALowerCaseVariationKeyIsNormalisedAsTheSdkDoes()
    {
        var test = new HackleTestClient().ForceVariation(42, "b");
        Assert.Equal("B", test.VariationDetail(42, User).VariationKey);
    }

    [Fact]
    public void APredicateThatThrowsDoesNotMatchAndIsReported()
    {
        var test = new HackleTestClient()
            .ForceVariation(42, "B")
            .ForceVariation(42, "C", _ => throw new InvalidOperationException("broken predicate"));
        Assert.Equal("B", test.VariationDetail(42, User).VariationKey);
        Assert.Equal("broken predicate", Assert.Single(test.PredicateErrors).Message);
    }

    [Fact]
    public void NullArgumentsAreRefused()
    {
        var test = new HackleTestClient();
        Assert.Throws<ArgumentNullException>(() => test.ForceVariation(42, "B", (string)null!));
        Assert.Throws<ArgumentNullException>(() => test.ForceFeature(7, true, (Func<HackleUser, bool>)null!));
        Assert.Throws<ArgumentNullException>(() => test.SetRemoteConfig(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => test.SetRemoteConfig("banner", (string)null!));
        Assert.Throws<ArgumentNullException>(() => HackleTestClient.UseAsCurrent(null!));
    }

    [Fact]
    public async Task ItIsAlwaysReadyAndClosingKeepsTheRecords()
    {
        var test = new HackleTestClient().ForceVariation(42, "B");
        Assert.True(test.IsReady);
        Assert.True(await test.WaitUntilReadyAsync(TimeSpan.Zero));
        test.VariationDetail(42, User);
        await test.FlushAsync();
        await test.DisposeAsync();
        Assert.Single(test.Exposures);
        Assert.Equal("B", test.VariationDetail(42, User).VariationKey);
    }

    [Fact]
    public async Task ForcingAndDecidingFromManyThreadsLosesNothing()
    {
        var test = new HackleTestClient();
        const int perTask = 200;
        var tasks = Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perTask; i++)
            {
                var id = "user-" + t + "-" + i;
                test.ForceVariation(1000 + t, "C", id);
                Assert.Equal("C", test.VariationDetail(1000 + t, new HackleUser(id)).VariationKey);
                test.Track(new HackleEvent("purchase"), new HackleUser(id));
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        Assert.Equal(8 * perTask, test.Exposures.Count);
        Assert.Equal(8 * perTask, test.TrackedEvents.Count);
        Assert.Equal(perTask, test.Exposures.For(1003).CountOf("C"));
    }

    private static (T, DecisionReason) Pair<T>(RemoteConfigDecision<T> decision) => (decision.Value, decision.Reason);
}
