using Hackle.Internal.Delivery;

namespace Hackle.Runtime.Tests.Delivery;

/// <summary>
/// The byte estimate of an event (the delivery queue's budget) walks the user's identifiers and properties once
/// per version of the user and keeps the result on it: every change to what an event carries of the user must
/// show in the next estimate, exactly as a fresh walk of the same user would give.
/// </summary>
public class EventSizeEstimateTests
{
    private static readonly HackleEvent Purchase = new HackleEvent("purchase");

    private static int Estimate(HackleUser user) => EventSizeEstimate.Of(new TrackEvent(user, 1, 0, Purchase));

    /// <summary>A user with the same content that was never estimated: what a walk without the cache gives.</summary>
    private static HackleUser Copy(HackleUser user)
    {
        var copy = new HackleUser(user.Id) { UserId = user.UserId, DeviceId = user.DeviceId };
        foreach (var identifier in user.Identifiers) copy.Identifiers[identifier.Key] = identifier.Value;
        foreach (var property in user.Properties) copy.Properties[property.Key] = property.Value;
        return copy;
    }

    [Fact]
    public void Every_change_to_the_user_shows_in_the_next_estimate()
    {
        var user = new HackleUser("id-1") { Properties = { ["grade"] = "GOLD" } };
        var first = Estimate(user);
        Assert.Equal(first, Estimate(user));

        var changes = new (string What, Action Change)[]
        {
            ("a property added", () => user.Properties["nickname"] = new string('n', 300)),
            ("a property replaced by a longer value", () => user.Properties["grade"] = new string('g', 500)),
            ("a property removed", () => user.Properties.Remove("nickname")),
            ("a custom identifier", () => user.Identifiers["$sessionId"] = new string('s', 200)),
            ("the id", () => user.Id = new string('i', 100)),
            ("the user id", () => user.UserId = "member-42"),
            ("the device id", () => user.DeviceId = new string('d', 64)),
            ("the id cleared", () => user.Id = null),
        };
        var previous = first;
        foreach (var (what, change) in changes)
        {
            change();
            var estimate = Estimate(user);
            Assert.True(estimate != previous, $"{what} did not change the estimate");
            Assert.Equal(Estimate(Copy(user)), estimate);
            previous = estimate;
        }
    }
}
