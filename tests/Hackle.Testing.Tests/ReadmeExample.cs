using Hackle;
using Hackle.Testing;
using Xunit;

namespace MyApp.Tests;

public class CheckoutServiceTests
{
    [Fact]
    public void ExpressCheckoutIsExposedOnceAndTracksOnePurchase()
    {
        var test = new HackleTestClient();
        Experiments.Checkout.Force(test, Experiments.Checkout.Variant.C); // Checkout is C for this test
        Features.NewCheckout.Force(test, on: true);

        string flow;
        using (HackleTestClient.UseAsCurrent(test)) // the static accessors use `test`, in this test's async flow only
        {
            flow = new CheckoutService().Checkout(new HackleUser("user-42"));
        }

        Assert.Equal("express", flow);
        Assert.Equal(1, test.Exposures.For(Experiments.Checkout.Key).CountOf("C"));
        Assert.Single(test.TrackedEvents.For("purchase"));
    }
}

// The code under test, unchanged: it uses the static accessors and HackleClient.Current.
public class CheckoutService
{
    public string Checkout(HackleUser user)
    {
        var flow = Experiments.Checkout.Variation(user) switch
        {
            Experiments.Checkout.Variant.B => "one-page",
            Experiments.Checkout.Variant.C => "express",
            _ => "three-step",
        };
        if (Features.NewCheckout.IsOn(user)) HackleClient.Current.Track(new HackleEvent("purchase"), user);
        return flow;
    }
}
