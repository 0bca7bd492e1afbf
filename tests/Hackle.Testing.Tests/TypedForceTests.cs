using Hackle.Testing;

namespace TestClientTests;

/// <summary>The Force members the generated classes inherit, decided through the generated accessors.</summary>
public class TypedForceTests
{
    private static readonly HackleUser User = new("user-1");

    [Theory]
    [InlineData(0, "A")]
    [InlineData(1, "B")]
    [InlineData(2, "C")]
    public void AnExperimentIsForcedWithItsOwnEnum(int member, string key)
    {
        // Test methods are public and the generated enum internal, so the theory passes the member's index.
        var variant = (Experiments.Checkout.Variant)member;
        var test = Experiments.Checkout.Force(new HackleTestClient(), variant);
        var decision = Experiments.Checkout.VariationDetail(test, User);
        Assert.Equal((variant, key, DecisionReason.Overridden), (decision.Variation, decision.VariationKey, decision.Reason));
        Assert.Equal(1, test.Exposures.For(Experiments.Checkout.Key).CountOf(key));
    }

    [Fact]
    public void AnExperimentIsForcedForOneUserOrAPredicate()
    {
        var test = new HackleTestClient();
        Experiments.Checkout.Force(test, Experiments.Checkout.Variant.C, "user-1");
        Experiments.Checkout.Force(test, Experiments.Checkout.Variant.B, u => u.Id == "user-2");
        Assert.Equal(Experiments.Checkout.Variant.C, Experiments.Checkout.Variation(test, User));
        Assert.Equal(Experiments.Checkout.Variant.B, Experiments.Checkout.Variation(test, new HackleUser("user-2")));
        Assert.Equal(DecisionReason.ExperimentNotFound, Experiments.Checkout.VariationDetail(test, new HackleUser("user-3")).Reason);
    }

    [Fact]
    public void AValueOutsideTheEnumIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Experiments.Checkout.Force(new HackleTestClient(), (Experiments.Checkout.Variant)7));
        Assert.Contains("is not a variation of", e.Message);
        Assert.Throws<ArgumentNullException>(() => Experiments.Checkout.Force(null!, Experiments.Checkout.Variant.B));
    }

    [Fact]
    public void FlagsAndParametersAreForcedWithTheirOwnTypes()
    {
        var test = new HackleTestClient();
        Features.NewCheckout.Force(test, on: true);
#pragma warning disable CS0618 // DarkMode is paused in the manifest; forcing it is what a test of its removal does
        Features.DarkMode.Force(test, on: true, userId: "user-2");
#pragma warning restore CS0618
        RemoteConfig.CheckoutBannerText.Force(test, "Hi");
        RemoteConfig.FreeShippingThreshold.Force(test, 30000.0);
        RemoteConfig.ShowRecommendations.Force(test, true, u => u.Id == "user-1");

        Assert.True(Features.NewCheckout.IsOn(test, User));
        Assert.Equal(DecisionReason.IndividualTargetMatch, Features.NewCheckout.Detail(test, User).Reason);
#pragma warning disable CS0618
        Assert.False(Features.DarkMode.IsOn(test, User));
        Assert.True(Features.DarkMode.IsOn(test, new HackleUser("user-2")));
#pragma warning restore CS0618
        Assert.Equal("Hi", RemoteConfig.CheckoutBannerText.Get(test, User));
        Assert.Equal(30000.0, RemoteConfig.FreeShippingThreshold.Get(test, User));
        Assert.True(RemoteConfig.ShowRecommendations.Get(test, User));
        Assert.Equal(RemoteConfig.ShowRecommendations.DefaultValue, RemoteConfig.ShowRecommendations.Get(test, new HackleUser("user-2")));
    }

    [Fact]
    public void TheDoneWhenScenarioTakesAFewLines()
    {
        // "Checkout is C for this test"; then "one exposure of Checkout C and one purchase were recorded".
        var test = new HackleTestClient();
        Experiments.Checkout.Force(test, Experiments.Checkout.Variant.C);
        using (HackleTestClient.UseAsCurrent(test))
        {
            var user = new HackleUser("user-42");
            if (Experiments.Checkout.Variation(user) == Experiments.Checkout.Variant.C)
                HackleClient.Current.Track(new HackleEvent("purchase"), user);
        }
        Assert.Equal(1, test.Exposures.For(Experiments.Checkout.Key).CountOf("C"));
        Assert.Single(test.Exposures);
        Assert.Single(test.TrackedEvents.For("purchase"));
    }
}
