using Hackle;
using Hackle.Internal;
using Hackle.Internal.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hackle.Runtime.Tests.Client;

/// <summary>With no LoggerFactory the client is not silent: warnings and errors reach stderr, one line each, bounded, key redacted.</summary>
public class StandardErrorLoggingTests
{
    private static string NewKey() => "stderr-" + Guid.NewGuid().ToString("N");

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_missing_config_file_is_reported_on_stderr_without_the_sdk_key_and_without_claiming_a_last_good_config()
    {
        var key = NewKey();
        var stderr = new StringWriter();
        // The key is in the path, so the file-not-found message carries it unless it is redacted.
        var path = Path.Combine(Path.GetTempPath(), key, "hackle.flags.json");
        using var client = HackleClient.Create(key, new HackleClientOptions { Offline = true, ConfigFilePath = path, StandardErrorOverride = stderr });

        var lines = Lines(stderr);
        var rejected = Assert.Single(lines, l => l.Contains("[1003]"));
        Assert.StartsWith("fail: Hackle workspace config rejected; there is no config yet, so decisions return defaults with SDK_NOT_READY.", rejected);
        Assert.Contains(SecretRedactor.Mask, rejected);
        Assert.Single(lines, l => l.StartsWith("warn: ", StringComparison.Ordinal) && l.Contains("[1006]"));
        Assert.DoesNotContain(key, stderr.ToString());
        Assert.DoesNotContain("stays in force", stderr.ToString());
        // Information (client started) stays off stderr.
        Assert.DoesNotContain(lines, l => l.Contains("[1017]") || l.Contains("[1004]"));
    }

    [Fact]
    public void A_rejected_config_says_the_last_good_one_stays_only_when_there_is_one()
    {
        var stderr = new StringWriter();
        using var client = HackleClient.Create(NewKey(), new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Load(TestPaths.Manifest), StandardErrorOverride = stderr });

        Assert.False(client.TryLoadConfig("{ \"experiments\": 5 }", out _));

        var line = Assert.Single(Lines(stderr), l => l.Contains("[1003]"));
        Assert.StartsWith("fail: Hackle workspace config rejected; the last good config stays in force.", line);
    }

    [Fact]
    public void Turning_it_off_writes_nothing()
    {
        var stderr = new StringWriter();
        using var client = HackleClient.Create(NewKey(), new HackleClientOptions { Offline = true, ConfigFilePath = "missing.json", LogToStandardError = false, StandardErrorOverride = stderr });
        client.Track(new HackleEvent("purchase"), new HackleUser());
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void A_logger_factory_replaces_stderr()
    {
        var stderr = new StringWriter();
        using var client = HackleClient.Create(NewKey(), new HackleClientOptions { Offline = true, ConfigFilePath = "missing.json", LoggerFactory = NullLoggerFactory.Instance, StandardErrorOverride = stderr });
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void At_most_ten_lines_a_minute_then_one_line_saying_more_are_held_back()
    {
        var stderr = new StringWriter();
        using var client = HackleClient.Create(NewKey(), new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Load(TestPaths.Manifest), StandardErrorOverride = stderr });

        for (var i = 0; i < 25; i++) client.Track(new HackleEvent("purchase"), new HackleUser());

        var lines = Lines(stderr);
        Assert.Equal(StandardErrorLogger.MaxLinesPerWindow + 1, lines.Length);
        Assert.All(lines.Take(StandardErrorLogger.MaxLinesPerWindow), l => Assert.Equal("warn: Hackle track ignored: the user has no identifier. [1002]", l));
        Assert.Contains("at most 10 lines a minute", lines[^1]);
        Assert.Contains("LoggerFactory", lines[^1]);
    }

    [Fact]
    public void Each_message_is_one_line_with_exceptions_described_and_redacted()
    {
        var stderr = new StringWriter();
        var logger = new StandardErrorLogger(stderr, new SecretRedactor("secret-key"));
        logger.LogError(new InvalidOperationException("inner\nwith secret-key"), "first\nsecond {Value}", "secret-key");
        logger.LogInformation("not written");
        logger.LogDebug("not written");

        var line = Assert.Single(Lines(stderr));
        Assert.Equal("fail: first second *** (InvalidOperationException: inner with ***) [0]", line);
    }

    [Fact]
    public void A_broken_stderr_never_reaches_the_caller()
    {
        var stderr = new StringWriter();
        stderr.Dispose();
        using var client = HackleClient.Create(NewKey(), new HackleClientOptions { Offline = true, ConfigFilePath = "missing.json", StandardErrorOverride = stderr });
        client.Track(new HackleEvent("purchase"), new HackleUser());
        Assert.Equal(DecisionReason.SdkNotReady, client.VariationDetail(42, new HackleUser("u1")).Reason);
    }
}
