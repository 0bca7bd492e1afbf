using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hackle.Testing;

namespace Checkout.Web.Tests;

/// <summary>Forces Checkout to each variation and asserts that the page shows that flow.</summary>
public class CheckoutPageTests
{
    public static TheoryData<int, string> Flows() => new()
    {
        { 0, "three-step" },
        { 1, "one-page" },
        { 2, "express" },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task TheCheckoutPageShowsTheForcedFlow(int member, string layout)
    {
        var variant = (Experiments.Checkout.Variant)member;
        await using var app = new CheckoutAppFactory();
        Experiments.Checkout.Force(app.Test, variant);
        Features.NewCheckout.Force(app.Test, on: true);
        using var http = app.CreateClientInCallerContext();

        JsonElement page;
        using (HackleTestClient.UseAsCurrent(app.Test))
        {
            page = await http.GetFromJsonAsync<JsonElement>("/checkout?userId=user-42");
        }

        Assert.Equal(layout, page.GetProperty("layout").GetString());
        Assert.Equal(variant.ToString(), page.GetProperty("variation").GetString());
        Assert.True(page.GetProperty("newCheckout").GetBoolean());
        var exposures = app.Test.Exposures.For(Experiments.Checkout.Key);
        Assert.Equal(1, exposures.CountOf(variant.ToString()));
        Assert.Equal("user-42", Assert.Single(exposures).User.Id);
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task TheDetailEndpointDecidesWithTheInjectedTestClient(int member, string layout)
    {
        _ = layout;
        var variant = (Experiments.Checkout.Variant)member;
        await using var app = new CheckoutAppFactory();
        Experiments.Checkout.Force(app.Test, variant);
        RemoteConfig.CheckoutBannerText.Force(app.Test, "Test banner");
        using var http = app.CreateClient();

        // No scope: the endpoint takes IHackleClient from DI, which AddHackleTestClient replaced.
        var detail = await http.GetFromJsonAsync<JsonElement>("/checkout/detail?userId=user-7");

        Assert.Equal(variant.ToString(), detail.GetProperty("variation").GetString());
        Assert.Equal("OVERRIDDEN", detail.GetProperty("variationReason").GetString());
        Assert.Equal("FEATURE_FLAG_NOT_FOUND", detail.GetProperty("newCheckoutReason").GetString());
        Assert.Equal("Test banner", detail.GetProperty("banner").GetString());
    }

    [Fact]
    public async Task APurchaseIsRecordedAsTracked()
    {
        await using var app = new CheckoutAppFactory();
        using var http = app.CreateClient();

        var response = await http.PostAsync("/purchase?userId=user-9", content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var purchase = Assert.Single(app.Test.TrackedEvents.For("purchase"));
        Assert.Equal("user-9", purchase.User.Id);
        Assert.Equal("CARD", purchase.Event.Properties["pay_method"]);
    }

    [Fact]
    public async Task OutsideTheScopeTheStaticAccessorsDoNotSeeTheTestClient()
    {
        await using var app = new CheckoutAppFactory();
        Experiments.Checkout.Force(app.Test, Experiments.Checkout.Variant.C);
        using var http = app.CreateClientInCallerContext();

        var page = await http.GetFromJsonAsync<JsonElement>("/checkout?userId=user-1");

        // No real client exists in this host (AddHackleTestClient removed it), so the control comes back.
        Assert.Equal("three-step", page.GetProperty("layout").GetString());
        Assert.Empty(app.Test.Exposures);
    }
}
