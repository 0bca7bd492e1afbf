using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// What a real server body may hold that the parser must tolerate (docs/manifest.md): a UTF-8 byte-order
/// mark (issue 11 item 1), and a badly typed entity that is dropped and logged while the rest applies
/// (issue 11 item 2).
/// </summary>
public sealed class ConfigToleranceTests
{
    [Fact]
    public async Task A_config_body_with_a_byte_order_mark_is_applied()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig("\uFEFF" + Configs.Flag(on: true), Configs.Date(1));
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url));

        Assert.True(await client.WaitUntilReadyAsync());
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
    }

    [Fact]
    public async Task A_badly_typed_entity_is_dropped_and_logged_and_the_rest_applies()
    {
        using var logs = new LogCapture();
        await using var server = await FakeHackleServer.StartAsync();
        var config = Configs.Flag(on: true).Replace("\"experiments\": []",
            "\"experiments\": [ { \"id\": 1, \"key\": \"not-a-number\", \"execution\": { \"status\": \"RUNNING\" } } ]", StringComparison.Ordinal);
        server.SetConfig(config, Configs.Date(1));
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));

        Assert.True(await client.WaitUntilReadyAsync());
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
        var dropped = Assert.Single(logs.Entries, e => e.EventId.Id == 1030);
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Contains("experiments[0] was dropped: 'key' has the wrong JSON type", dropped.Message, StringComparison.Ordinal);
    }
}
