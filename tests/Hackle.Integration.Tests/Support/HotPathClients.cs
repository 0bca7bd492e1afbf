namespace Hackle.Integration.Tests.Support;

/// <summary>
/// The two clients the hot-path allocation tests compare, both on the one-flag config: one offline, counting and
/// discarding its events, and one online, ready, queueing them for delivery to a fake server on loopback, with room
/// in its queue for every call an <see cref="AllocationProbe"/> makes.
/// </summary>
internal sealed class HotPathClients : IAsyncDisposable
{
    private readonly FakeHackleServer _server;

    private HotPathClients(FakeHackleServer server, HackleClient offline, HackleClient online)
    {
        _server = server;
        Offline = offline;
        Online = online;
    }

    public HackleClient Offline { get; }

    public HackleClient Online { get; }

    public static async Task<HotPathClients> StartAsync()
    {
        var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var offline = HackleClient.Create(TestClients.NewKey(), new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Parse(Configs.Flag(on: true)) });
        var options = TestClients.Options(server.Url);
        options.EventQueueCapacity = 50_000;
        var online = HackleClient.Create(TestClients.NewKey(), options);
        var clients = new HotPathClients(server, offline, online);
        if (!await online.WaitUntilReadyAsync())
        {
            await clients.DisposeAsync();
            throw new InvalidOperationException("the online client never became ready against the fake server");
        }
        return clients;
    }

    public async ValueTask DisposeAsync()
    {
        await Online.DisposeAsync();
        await Offline.DisposeAsync();
        await _server.DisposeAsync();
    }
}
