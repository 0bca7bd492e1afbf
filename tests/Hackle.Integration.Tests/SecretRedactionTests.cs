using Hackle.Extensions.Hosting;
using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>The SDK key is a secret: it must not appear in any log line or error message.</summary>
public sealed class SecretRedactionTests
{
    private static string SecretKey() => "sk-SECRET-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task The_sdk_key_never_appears_in_logs_whatever_fails()
    {
        var key = SecretKey();
        var logs = new LogCapture();
        await using var server = await FakeHackleServer.StartAsync();
        // Every failure the client reports: 5xx, 429, timeout, a malformed body quoting the key, then 401.
        server.ScriptConfig(FakeHackleServer.Status(500));
        server.ScriptConfig(FakeHackleServer.Status(429));
        server.ScriptConfig(FakeHackleServer.Hang(TimeSpan.FromSeconds(30)));
        server.ScriptConfig(FakeHackleServer.Body("{\"" + key + "\": [ " + key + " ] }", Configs.Date(1)));
        server.ConfigDefault = FakeHackleServer.Status(401);
        server.ScriptEvents(FakeHackleServer.Status(500));
        server.EventsDefault = FakeHackleServer.Status(400);
        var options = TestClients.Options(server.Url, logs);
        options.RequestTimeout = TimeSpan.FromMilliseconds(300);
        await using (var client = HackleClient.Create(key, options))
        {
            client.Track(new HackleEvent("purchase"), TestClients.User());
            await Eventually.WithinAsync(client.FlushAsync());
            await Eventually.HoldsAsync(() => logs.Count(1008) == 1, "the refused key is reported");
            Assert.DoesNotContain(key, client.ToString());
        }

        // A client whose server is gone: connection errors.
        var port = await FakeHackleServer.FreePortAsync();
        var unreachable = TestClients.Options(new Uri($"http://127.0.0.1:{port}/"), logs);
        await using (var client = HackleClient.Create(key + "-2", unreachable))
        {
            await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId.Id == 1009 && e.Message.Contains("network_error")), "a network error is reported");
        }

        foreach (var expected in new[] { 1003, 1008, 1009, 1012, 1013 }) Assert.True(logs.Count(expected) > 0, $"event {expected} was logged");
        Assert.All(logs.Entries, e => Assert.DoesNotContain(key, e.FullText));
    }

    [Fact]
    public async Task A_status_text_that_echoes_the_request_path_is_redacted_in_every_form()
    {
        // '+', '/' and '=' are escaped in the URL path, so the key travels as sk%2BSECRET%2F...%3D.
        var core = Guid.NewGuid().ToString("N");
        var key = "sk+SECRET/" + core + "=";
        var escaped = Uri.EscapeDataString(key);
        var forms = new[]
        {
            key,
            escaped,
            escaped.ToLowerInvariant(),
            escaped.Replace("%2F", "/", StringComparison.Ordinal),
            escaped.Replace("%", "%25", StringComparison.Ordinal),
        };
        Assert.Contains("%2B", escaped);
        var logs = new LogCapture();
        await using var server = await FakeHackleServer.StartAsync();
        foreach (var form in forms) server.ScriptConfig(StatusWithText(503, "Unavailable for /api/v2/workspaces/" + form + "/config"));
        server.ConfigDefault = StatusWithText(401, "Unknown key " + escaped.ToLowerInvariant() + " in /api/v2/workspaces/" + escaped + "/config");
        server.ScriptEvents(StatusWithText(500, "Failed for " + key));
        server.EventsDefault = StatusWithText(400, "Bad batch for " + escaped.ToLowerInvariant());
        var options = TestClients.Options(server.Url, logs);
        await using (var client = HackleClient.Create(key, options))
        {
            client.Track(new HackleEvent("purchase"), TestClients.User());
            await Eventually.WithinAsync(client.FlushAsync());
            await Eventually.HoldsAsync(() => logs.Count(1008) == 1, "the refused key is reported");
        }

        Assert.Equal(forms.Length, logs.Count(1009));
        Assert.Contains(logs.Entries, e => e.EventId.Id == 1009 && e.Message.Contains("Unavailable for /api/v2/workspaces/***/config", StringComparison.Ordinal));
        foreach (var expected in new[] { 1008, 1012, 1013 }) Assert.True(logs.Count(expected) > 0, $"event {expected} was logged");
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(core, e.FullText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SECRET", e.FullText, StringComparison.Ordinal);
        });
    }

    private static Func<Microsoft.AspNetCore.Http.HttpContext, Task> StatusWithText(int status, string text) => context =>
    {
        context.Response.StatusCode = status;
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>()!.ReasonPhrase = text;
        return Task.CompletedTask;
    };

    [Fact]
    public void Errors_about_a_bad_key_do_not_echo_it()
    {
        var key = SecretKey() + " with a space";
        var error = Assert.Throws<ArgumentException>(() => HackleClient.Create(key));
        Assert.DoesNotContain(key, error.ToString());
        Assert.DoesNotContain("SECRET", error.ToString());
    }

    [Fact]
    public async Task Hosting_validation_names_the_setting_but_not_the_key()
    {
        var key = SecretKey() + "\twith a tab";
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Hackle:SdkKey"] = key });
        builder.Services.AddHackle();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => Eventually.WithinAsync(host.StartAsync()));
        Assert.Contains("Hackle:SdkKey", error.Message);
        Assert.DoesNotContain("SECRET", error.ToString());
    }
}
