using Hackle.Integration.Tests.Support;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// The byte budget sizes each event as it is queued: that walk over the user's identifiers and
/// properties must allocate nothing, or every decision would pay for it.
/// </summary>
public sealed class DeliveryHotPathTests
{
    [Fact]
    public async Task Sizing_an_event_with_properties_and_identifiers_allocates_nothing()
    {
        await using var clients = await HotPathClients.StartAsync();
        var (offline, online) = (clients.Offline, clients.Online);
        var user = new HackleUser("user-1") { DeviceId = "device-1", Identifiers = { ["customer"] = "c-1" } };
        user.Properties["grade"] = "GOLD";
        user.Properties["age"] = 30;
        user.Properties["tags"] = new[] { "a", "b" };

        var discarded = AllocationProbe.PerDecision(offline, user, 5_000);
        var queued = AllocationProbe.PerDecision(online, user, 5_000);

        Assert.True(discarded == 0, $"a decision with its exposure discarded allocates {discarded} B");
        Assert.True(queued == 0, $"sizing and queueing the exposure allocates {queued} B per decision");
        // The events were sized and queued, not dropped.
        Assert.Equal(0, online.EventStats.DroppedQueueFull);
    }
}
