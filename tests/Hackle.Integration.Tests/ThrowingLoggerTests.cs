using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// A log provider that fails (a full disk, a broken sink) must not stop the SDK: polling and delivery go
/// on, and no public method throws because of it.
/// </summary>
public sealed class ThrowingLoggerTests
{
    public enum Failure { Log, IsEnabled, CreateLogger }

    [Theory]
    [InlineData(Failure.Log)]
    [InlineData(Failure.IsEnabled)]
    [InlineData(Failure.CreateLogger)]
    public async Task A_throwing_log_provider_stops_neither_polling_nor_delivery_and_Track_never_throws(Failure failure)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: false), Configs.Date(1));
        // The first event batch fails, so the retry path logs too.
        server.ScriptEvents(FakeHackleServer.Status(500));
        var provider = new ThrowingLoggerProvider(failure);
        using var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var options = TestClients.Options(server.Url);
        options.LoggerFactory = factory;

        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(await client.WaitUntilReadyAsync());

        const int events = 200;
        for (var i = 0; i < events; i++) client.Track(new HackleEvent("purchase"), TestClients.User(i));
        // Calls that log a warning on the caller's thread.
        client.Track(new HackleEvent(""), TestClients.User());
        client.Track(new HackleEvent("purchase"), new HackleUser(""));
        client.Track(null!, TestClients.User());
        Assert.False(client.TryLoadConfig("[", out _));

        await Eventually.HoldsAsync(() => server.AcceptedInsertIds.Count == events, "every tracked event is delivered", TimeSpan.FromSeconds(20));
        var polls = server.ConfigRequests.Count;
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count >= polls + 5, "polling goes on");

        // Polling still takes new configs.
        server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
        await Eventually.HoldsAsync(() => client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn, "the changed config is in force");

        await client.DisposeAsync();
        var stats = client.EventStats;
        // The tracked events and the exposures of the flag checks above: all sent, none pending.
        Assert.Equal(server.AcceptedInsertIds.Count, stats.Sent);
        Assert.True(stats.Sent > events);
        Assert.Equal(0, stats.Pending);
        Assert.Equal(0, stats.Dropped);
        if (failure != Failure.CreateLogger) Assert.True(provider.Calls > 0, "the provider was called");
    }

    private sealed class ThrowingLoggerProvider(Failure failure) : ILoggerProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ILogger CreateLogger(string categoryName)
        {
            if (failure == Failure.CreateLogger) throw new IOException("No space left on device");
            return new Logger(this);
        }

        public void Dispose()
        {
        }

        private sealed class Logger(ThrowingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => throw new IOException("No space left on device");

            public bool IsEnabled(LogLevel logLevel)
            {
                Interlocked.Increment(ref owner._calls);
                if (owner.Failure == Failure.IsEnabled) throw new InvalidOperationException("The sink is broken");
                return true;
            }

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                Interlocked.Increment(ref owner._calls);
                throw new IOException("No space left on device");
            }
        }

        private Failure Failure => failure;
    }
}
