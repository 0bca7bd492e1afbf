using System;
using System.Collections.Generic;
using System.IO;
using Checkout.Console;
using Hackle;

// Loads the exported workspace config (hackle.flags.json), assigns 10,000 users with the generated
// typed accessors and prints the Checkout split and the NewCheckout on-rate.
// Offline by default. With HACKLE_SDK_KEY set it syncs with Hackle (or HACKLE_SDK_URL / HACKLE_EVENT_URL,
// e.g. a local server) and sends its events there, starting from the file.
var manifest = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "hackle.flags.json");
const int users = 10_000;

var sdkKey = Environment.GetEnvironmentVariable("HACKLE_SDK_KEY");
var online = !string.IsNullOrEmpty(sdkKey);
var events = new InMemoryEventSink();
var options = new HackleClientOptions
{
    Offline = !online,
    ConfigFilePath = manifest,
    EventSink = online ? null : events,
    EventQueueCapacity = 50_000, // this burst makes 20,001 events at once; the default 10,000 would drop (and count) the rest
};
if (Environment.GetEnvironmentVariable("HACKLE_SDK_URL") is { Length: > 0 } sdkUrl) options.SdkUrl = new Uri(sdkUrl);
if (Environment.GetEnvironmentVariable("HACKLE_EVENT_URL") is { Length: > 0 } eventUrl) options.EventUrl = new Uri(eventUrl);

var client = HackleClient.Create(online ? sdkKey! : "offline-sample", options);
if (!await client.WaitUntilReadyAsync())
{
    Console.Error.WriteLine($"No workspace config: could not load {manifest}" + (online ? " nor fetch it from " + options.SdkUrl : "") + ".");
    await client.DisposeAsync();
    return 1;
}

var variations = new SortedDictionary<Experiments.Checkout.Variant, int>();
var notAssigned = 0;   // users outside the experiment's traffic: they get the default (A) but are not in A's count
var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
var flagOn = 0;
for (var i = 0; i < users; i++)
{
    var user = new HackleUser("user-" + i);
    var decision = Experiments.Checkout.VariationDetail(user);   // typed: an enum of A, B, C
    if (IsAssigned(decision.Reason)) variations[decision.Variation] = variations.GetValueOrDefault(decision.Variation) + 1;
    else notAssigned++;
    reasons[decision.Reason.ToWireName()] = reasons.GetValueOrDefault(decision.Reason.ToWireName()) + 1;
    if (Features.NewCheckout.IsOn(user)) flagOn++;
}

client.Track(new HackleEvent("purchase")
{
    Properties = { ["pay_method"] = "CARD", ["discount_amount"] = 800, ["is_discount"] = true },
}, new HackleUser("ae2182e0"));

Console.WriteLine($"Checkout (experiment {Experiments.Checkout.Key}) over {users:N0} users:");
foreach (var (variation, count) in variations) Console.WriteLine($"  {variation}: {count,6:N0} ({100.0 * count / users:F1}%)");
Console.WriteLine($"  not assigned: {notAssigned,6:N0} ({100.0 * notAssigned / users:F1}%), answered with the default variation {default(Experiments.Checkout.Variant)}");
Console.WriteLine("  by reason: " + string.Join(", ", FormatCounts(reasons)));
Console.WriteLine($"NewCheckout (feature {Features.NewCheckout.Key}) on for {flagOn:N0} users ({100.0 * flagOn / users:F1}%)");
await client.DisposeAsync(); // sends what is queued when online
Console.WriteLine(online
    ? $"Events: {client.EventStats}"
    : $"Events recorded offline: {events.Count:N0} (exposures for every decision, plus one purchase)");
return 0;

// Assigned: the user was given this variation (by traffic, targeting, an override, or a completed experiment's
// winner). Any other reason (TRAFFIC_NOT_ALLOCATED, NOT_IN_EXPERIMENT_TARGET, ...) answers the default without assigning.
static bool IsAssigned(DecisionReason reason) => reason is DecisionReason.TrafficAllocated or DecisionReason.TrafficAllocatedByTargeting
    or DecisionReason.Overridden or DecisionReason.ExperimentCompleted;

static IEnumerable<string> FormatCounts(SortedDictionary<string, int> counts)
{
    foreach (var (key, count) in counts) yield return $"{key} {count:N0}";
}
