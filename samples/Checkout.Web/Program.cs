using Checkout.Web;
using Hackle;

var builder = WebApplication.CreateBuilder(args);

// One client for the process, created by the host (never per request), bound from the "Hackle"
// section: offline from hackle.flags.json by default; set Hackle:Offline=false and Hackle:SdkKey to sync.
builder.Services.AddHackle();

var app = builder.Build();

// The user comes from the request; a real app would take it from authentication.
static HackleUser UserOf(HttpRequest request) => new(request.Query["userId"].FirstOrDefault() ?? "anonymous")
{
    Properties = { ["grade"] = request.Query["grade"].FirstOrDefault() ?? "SILVER" },
};

// Typed accessors over the process's client: enum variations and bool flags, checked at compile time.
app.MapGet("/checkout", (HttpRequest request) =>
{
    var user = UserOf(request);
    var variation = Experiments.Checkout.Variation(user);
    return Results.Ok(new
    {
        user = user.Id,
        newCheckout = Features.NewCheckout.IsOn(user),
        layout = variation switch
        {
            Experiments.Checkout.Variant.B => "one-page",
            Experiments.Checkout.Variant.C => "express",
            _ => "three-step",
        },
        variation = variation.ToString(),
    });
});

// The same decisions with the injected client (what tests substitute), with reasons.
app.MapGet("/checkout/detail", (HttpRequest request, IHackleClient hackle) =>
{
    var user = UserOf(request);
    var decision = Experiments.Checkout.VariationDetail(hackle, user);
    var flag = Features.NewCheckout.Detail(hackle, user);
    return Results.Ok(new
    {
        variation = decision.Variation.ToString(),
        variationReason = decision.Reason.ToWireName(),
        newCheckout = flag.IsOn,
        newCheckoutReason = flag.Reason.ToWireName(),
        banner = hackle.RemoteConfig(user).GetString("checkout_banner_text", "Welcome"),
    });
});

// The guide's track example: event "purchase" with its properties.
app.MapPost("/purchase", (HttpRequest request, IHackleClient hackle) =>
{
    hackle.Track(new HackleEvent("purchase")
    {
        Properties = { ["pay_method"] = "CARD", ["discount_amount"] = 800, ["is_discount"] = true },
    }, UserOf(request));
    return Results.Accepted();
});

app.Run();
