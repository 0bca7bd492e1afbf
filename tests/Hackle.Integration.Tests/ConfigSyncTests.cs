using System.Globalization;
using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>Config polling against a real HTTP server (docs/protocol.md §1.1).</summary>
public sealed class ConfigSyncTests
{
    [Fact]
    public async Task Polls_with_conditional_get_keeps_the_snapshot_on_304_and_picks_up_changes()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: false), Configs.Date(1));
        var key = TestClients.NewKey();
        await using var client = HackleClient.Create(key, TestClients.Options(server.Url));

        Assert.True(await client.WaitUntilReadyAsync());
        var first = client.Workspace;
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count(r => r.Status == 304) >= 3, "three 304 answers");
        Assert.Same(first, client.Workspace);
        Assert.False(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);

        var requests = server.ConfigRequests;
        Assert.Equal(200, requests[0].Status);
        Assert.False(requests[0].Headers.ContainsKey("If-Modified-Since"));
        Assert.All(requests.Skip(1), r => Assert.Equal(Configs.Date(1), r.Headers["If-Modified-Since"]));
        Assert.All(requests, r => Assert.Equal($"/api/v2/workspaces/{key}/config", r.Path));
        var headers = requests[0].Headers;
        Assert.Equal(key, headers["X-HACKLE-SDK-KEY"]);
        Assert.Equal("dotnet-sdk", headers["X-HACKLE-SDK-NAME"]);
        Assert.Matches(@"^\d+\.\d+\.\d+", headers["X-HACKLE-SDK-VERSION"]);
        var sentAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(headers["X-HACKLE-SDK-TIME"], CultureInfo.InvariantCulture));
        Assert.InRange(sentAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.StartsWith("dotnet-sdk/", headers["User-Agent"]);

        server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
        await Eventually.HoldsAsync(() => client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn, "the changed config is in force");
        Assert.NotSame(first, client.Workspace);
    }

    [Fact]
    public async Task Server_down_at_startup_then_up_makes_the_client_ready()
    {
        var port = await FakeHackleServer.FreePortAsync();
        var options = TestClients.Options(new Uri($"http://127.0.0.1:{port}/"));
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        Assert.False(await client.WaitUntilReadyAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(DecisionReason.SdkNotReady, client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).Reason);

        await using var server = await FakeHackleServer.StartAsync(port);
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
    }

    [Fact]
    public async Task Errors_500_and_429_back_off_honour_Retry_After_and_keep_the_last_good_config()
    {
        await using var server = await FakeHackleServer.StartAsync();
        var clock = new TestClock();
        // A date five seconds after the clock's start, when the first answer is read (the clock has not moved yet).
        server.ScriptConfig(FakeHackleServer.Status(503, retryAfter: (TestClock.Origin + TimeSpan.FromSeconds(5)).ToString("R", CultureInfo.InvariantCulture)));
        server.ScriptConfig(FakeHackleServer.Status(429, retryAfter: "3"));
        server.ScriptConfig(FakeHackleServer.Status(500));
        server.ScriptConfig(FakeHackleServer.Status(429, retryAfter: "120"));
        server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
        var bootstrap = Configs.WriteTempFile(Configs.Flag(on: false));
        var logs = new LogCapture();
        var options = TestClients.Timed(server.Url, clock, logs);
        options.ConfigFilePath = bootstrap;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.True(client.IsReady);

        // Each delay is what the poller set on its clock (RetryMinDelay 1 s, RetryMaxDelay 8 s): a Retry-After longer
        // than the backoff wins (a date counted from the client's clock, or seconds), up to the maximum.
        static bool IsPollWait(TimeSpan wait) => wait < TimeSpan.FromMinutes(5);
        var expected = new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(3), TimeSpan.Zero, TimeSpan.FromSeconds(8) };
        for (var failure = 1; failure <= 4; failure++)
        {
            var delay = (await clock.WaitForAsync(IsPollWait, failure, "a backoff"))[failure - 1];
            if (expected[failure - 1] != TimeSpan.Zero) Assert.Equal(expected[failure - 1], delay);
            else Assert.InRange(delay.TotalSeconds, 3.2, 4.8); // the third failure in a row: 4 s ±20 %
            Assert.False(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
            clock.Advance(delay);
        }
        await Eventually.HoldsAsync(() => client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn, "recovery after the failures");

        await Eventually.HoldsAsync(() => server.ConfigRequests.Count == 5, "five polls");
        Assert.Equal(new[] { 503, 429, 500, 429, 200 }, server.ConfigRequests.Select(r => r.Status));
        Assert.Equal(4, logs.Count(1009));
        Assert.All(logs.Entries.Where(e => e.EventId.Id == 1009), e => Assert.EndsWith("the last good config stays in force.", e.Message));
        // The recovery is logged just after the new config is put in force.
        await Eventually.HoldsAsync(() => logs.Count(1010) == 1, "the recovery is logged");
        File.Delete(bootstrap);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_abandoned_and_retried()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hang = FakeHackleServer.Hang(TimeSpan.FromMinutes(5), FakeHackleServer.Body(Configs.Flag(on: false), Configs.Date(9)));
        server.ScriptConfig(context =>
        {
            reached.TrySetResult();
            return hang(context);
        });
        var logs = new LogCapture();
        // The request timeout (10 min) runs on a test clock: only the test decides when it passes, so a slow
        // machine can neither time out the retry nor make the first request finish in time.
        var clock = new TestClock();
        var options = TestClients.Timed(server.Url, clock, logs);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        await Eventually.WithinAsync(reached.Task, what: "the first poll reaching the server");
        Assert.False(await client.WaitUntilReadyAsync(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(0, logs.Count(1009));
        clock.Advance(options.RequestTimeout);
        var backoff = Assert.Single(await clock.WaitForAsync(TestClients.IsRetryWait, 1, "the backoff after the timeout"));
        clock.Advance(backoff);
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)), "the retry after the timeout gets the config");
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
        var timedOut = Assert.Single(logs.Entries, e => e.EventId.Id == 1009 && e.Message.Contains("timeout"));
        // Nothing was in force yet: the message must not promise a last good config.
        Assert.EndsWith("there is no config yet, so decisions return defaults with SDK_NOT_READY.", timedOut.Message);
    }

    [Fact]
    public async Task A_malformed_config_is_logged_and_ignored()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var logs = new LogCapture();
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));
        Assert.True(await client.WaitUntilReadyAsync());
        var good = client.Workspace;

        server.SetConfig("{ \"featureFlags\": [ oops ] }", Configs.Date(2));
        await Eventually.HoldsAsync(() => logs.Count(1003) >= 2, "the malformed config is logged on each poll");
        Assert.Same(good, client.Workspace);
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
        var rejection = logs.Entries.First(e => e.EventId.Id == 1003);
        Assert.Equal(LogLevel.Error, rejection.Level);
        Assert.Contains("line 1", rejection.Message);
        // A rejected body does not advance Last-Modified, so the next poll asks for the whole config again.
        Assert.DoesNotContain(server.ConfigRequests, r => r.Headers.TryGetValue("If-Modified-Since", out var since) && since == Configs.Date(2));

        server.SetConfig(Configs.Flag(on: false), Configs.Date(3));
        await Eventually.HoldsAsync(() => !client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn, "a valid config is taken again");
    }

    [Fact]
    public async Task A_config_larger_than_the_limit_is_rejected()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true, padding: 8 * 1024), Configs.Date(1));
        var logs = new LogCapture();
        var options = TestClients.Options(server.Url, logs);
        options.MaxConfigBytes = 4 * 1024;
        await using var client = HackleClient.Create(TestClients.NewKey(), options);

        await Eventually.HoldsAsync(() => logs.Count(1003) >= 1, "the oversized config is rejected");
        Assert.False(client.IsReady);
        Assert.Contains("larger than 4096 bytes", logs.Entries.First(e => e.EventId.Id == 1003).Message);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task A_refused_key_logs_one_error_and_keeps_serving_the_last_config(int status)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var logs = new LogCapture();
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));
        Assert.True(await client.WaitUntilReadyAsync());

        server.ConfigDefault = FakeHackleServer.Status(status);
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count(r => r.Status == status) >= 4, "several refused polls");
        Assert.Equal(1, logs.Count(1008));
        var error = logs.Entries.Single(e => e.EventId.Id == 1008);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Contains(status.ToString(CultureInfo.InvariantCulture), error.Message);
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
    }

    [Fact]
    public async Task WaitUntilReady_returns_false_at_once_when_the_key_is_refused()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.ConfigDefault = FakeHackleServer.Status(401);
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "a refused key does not wait out the timeout");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{ \"workspace\": { \"id\": 1 }, \"buckets\": [], \"events\": [] }")]
    public async Task A_config_without_experiments_flags_or_parameters_keeps_the_last_good_config(string body)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var logs = new LogCapture();
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));
        Assert.True(await client.WaitUntilReadyAsync());
        var good = client.Workspace;

        server.SetConfig(body, Configs.Date(2));
        await Eventually.HoldsAsync(() => logs.Count(1003) >= 1, "the config without lists is rejected");
        Assert.Same(good, client.Workspace);
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
        var rejection = logs.Entries.First(e => e.EventId.Id == 1003);
        Assert.Contains("none of 'experiments', 'featureFlags' or 'remoteConfigParameters'", rejection.Message);
        Assert.Contains("the last good config stays in force", rejection.Message);
    }

    [Fact]
    public async Task A_cold_client_served_an_empty_object_is_not_ready_until_a_real_config_arrives()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig("{}", Configs.Date(1));
        var logs = new LogCapture();
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));

        await Eventually.HoldsAsync(() => logs.Count(1003) >= 2, "the empty object is rejected on each poll");
        Assert.False(client.IsReady);
        Assert.False(await client.WaitUntilReadyAsync(TimeSpan.FromMilliseconds(200)));
        Assert.Null(client.Workspace);
        Assert.Equal(DecisionReason.SdkNotReady, client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).Reason);
        Assert.Contains("there is no config yet, so decisions return defaults with SDK_NOT_READY", logs.Entries.First(e => e.EventId.Id == 1003).Message);

        server.SetConfig(Configs.Flag(on: true), Configs.Date(2));
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
    }

    [Fact]
    public async Task A_config_that_empties_the_workspace_is_taken_and_warned_about()
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        var logs = new LogCapture();
        await using var client = HackleClient.Create(TestClients.NewKey(), TestClients.Options(server.Url, logs));
        Assert.True(await client.WaitUntilReadyAsync());
        Assert.Equal(0, logs.Count(1032));

        // The lists are there and empty: a workspace whose items were all removed is a real workspace.
        server.SetConfig("{ \"experiments\": [], \"featureFlags\": [], \"remoteConfigParameters\": [] }", Configs.Date(2));
        await Eventually.HoldsAsync(() => client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).Reason == DecisionReason.FeatureFlagNotFound, "the empty workspace is in force");
        await Eventually.HoldsAsync(() => logs.Count(1032) == 1, "the emptying is warned about");
        var warning = logs.Entries.Single(e => e.EventId.Id == 1032);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("1 feature flags", warning.Message);
        // 304s that follow do not repeat it.
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count(r => r.Status == 304) >= 3, "three 304 answers");
        Assert.Equal(1, logs.Count(1032));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task After_a_refused_key_on_a_cold_start_WaitUntilReady_waits_again_once_the_key_is_accepted(int status)
    {
        await using var server = await FakeHackleServer.StartAsync();
        server.SetConfig(Configs.Flag(on: true), Configs.Date(1));
        server.ConfigDefault = FakeHackleServer.Status(status);
        var options = TestClients.Options(server.Url);
        options.RetryMinDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        await using var client = HackleClient.Create(TestClients.NewKey(), options);
        Assert.False(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)));

        // The key is accepted again, but the server has trouble for a while before the config arrives.
        for (var i = 0; i < 8; i++) server.ScriptConfig(FakeHackleServer.Status(503));
        server.ConfigDefault = null;
        await Eventually.HoldsAsync(() => server.ConfigRequests.Count(r => r.Status == 503) >= 2, "the key is no longer refused");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)), "the wait lasts until the config arrives");
        Assert.True(clock.Elapsed > TimeSpan.FromMilliseconds(100), "it waited for the config");
        Assert.True(client.FeatureFlagDetail(Configs.FlagKey, TestClients.User()).IsOn);
    }
}
