using Hackle;

namespace Hackle.Runtime.Tests.Model;

/// <summary>Input rules of docs/protocol.md §6: invalid entries are dropped, never thrown.</summary>
public class UserAndEventInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Blank_identifiers_are_dropped(string? id)
    {
        var user = new HackleUser(id) { UserId = id, DeviceId = id, Identifiers = { ["custom"] = id! } };
        Assert.Null(user.Id);
        Assert.Null(user.UserId);
        Assert.Null(user.DeviceId);
        Assert.Empty(user.Identifiers);
        Assert.False(user.HasIdentifiers);
    }

    [Fact]
    public void Identifier_lengths_are_bounded()
    {
        var user = new HackleUser(new string('x', 512))
        {
            UserId = new string('x', 513),
            Identifiers = { [new string('t', 128)] = "ok", [new string('t', 129)] = "dropped" },
        };
        Assert.NotNull(user.Id);
        Assert.Null(user.UserId);
        Assert.Single(user.Identifiers);
    }

    [Fact]
    public void Built_in_identifiers_win_over_custom_entries_of_the_same_type()
    {
        var user = new HackleUser("main") { Identifiers = { ["$id"] = "custom", ["$userId"] = "from-map" } };
        Assert.True(user.TryGetIdentifier("$id", out var id));
        Assert.Equal("main", id);
        Assert.True(user.TryGetIdentifier("$userId", out var userId));
        Assert.Equal("from-map", userId);
    }

    [Fact]
    public void At_most_128_properties_are_kept()
    {
        var properties = new HackleProperties();
        for (var i = 0; i < 1000; i++) properties["p" + i] = i;
        Assert.Equal(128, properties.Count);
        Assert.Equal(872, properties.DroppedCount);
        Assert.True(properties.ContainsKey("p0"));
        Assert.False(properties.ContainsKey("p128"));
        properties["p0"] = "replaced"; // replacing an existing key is still allowed when full
        Assert.Equal("replaced", properties["p0"]);
    }

    [Fact]
    public void Property_values_are_validated_and_normalized()
    {
        var properties = new HackleProperties
        {
            ["string"] = "text",
            ["long_string"] = new string('x', 1025),
            ["int"] = 42,
            ["float"] = 1.5f,
            ["decimal"] = 2.25m,
            ["bool"] = true,
            ["null"] = null!,
            ["object"] = new object(),
            ["date"] = DateTime.UtcNow,
            ["$system"] = new Uri("https://example.com"),
            ["list"] = new object?[] { "a", 1, null, true, 2.5, new string('y', 2000) },
            [new string('k', 129)] = "long key",
        };
        Assert.Equal("text", properties["string"]);
        Assert.Equal(42L, properties["int"]);
        Assert.Equal(1.5, properties["float"]);
        Assert.Equal(2.25, properties["decimal"]);
        Assert.Equal(true, properties["bool"]);
        Assert.Equal(new object[] { "a", 1L, 2.5 }, (object[])properties["list"]);
        Assert.True(properties.ContainsKey("$system")); // '$' keys keep any type
        Assert.False(properties.ContainsKey("long_string"));
        Assert.False(properties.ContainsKey("null"));
        Assert.False(properties.ContainsKey("object"));
        Assert.False(properties.ContainsKey("date"));
        Assert.Equal(5, properties.DroppedCount);
    }

    [Fact]
    public void The_guides_purchase_example_reads_naturally()
    {
        var purchase = new HackleEvent("purchase")
        {
            Properties = { ["pay_method"] = "CARD", ["discount_amount"] = 800, ["is_discount"] = true },
        };
        var user = new HackleUser("ae2182e0");
        using var t = TestClient.Manifest();
        t.Client.Track(purchase, user);

        var track = Assert.IsType<TrackEvent>(Assert.Single(t.Events.Events));
        Assert.Equal(3001, track.EventTypeId);
        Assert.Same(user, track.User);
        using var payload = System.Text.Json.JsonDocument.Parse(t.Events.ToPayloadJson());
        var json = payload.RootElement.GetProperty("trackEvents")[0];
        Assert.Equal("ae2182e0", json.GetProperty("userId").GetString());
        Assert.Equal("purchase", json.GetProperty("eventTypeKey").GetString());
        Assert.Equal("CARD", json.GetProperty("properties").GetProperty("pay_method").GetString());
        Assert.Equal(800, json.GetProperty("properties").GetProperty("discount_amount").GetInt32());
        Assert.True(json.GetProperty("properties").GetProperty("is_discount").GetBoolean());
    }
}
