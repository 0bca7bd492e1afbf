using Hackle.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Hackle.Integration.Tests;

/// <summary>
/// The bootstrap config by default: AddHackle starts from the hackle.flags.json the build copied (looked for in
/// the content root here, so that no file is written beside the shared test assembly), and a relative
/// ConfigFilePath that is nowhere is logged. The packed-package tests cover the copy beside a real app.
/// </summary>
public sealed class CopiedManifestBootstrapTests
{
    [Fact]
    public async Task AddHackle_without_a_ConfigFilePath_decides_from_the_copied_manifest_with_the_server_down()
    {
        var contentRoot = ContentRootWithManifest();
        try
        {
            var down = new Uri($"http://127.0.0.1:{await FakeHackleServer.FreePortAsync()}");
            var decision = await DecideAsync(contentRoot, new()
            {
                ["Hackle:SdkUrl"] = down.ToString(),
                ["Hackle:EventUrl"] = down.ToString(),
                ["Hackle:CloseTimeout"] = "00:00:01",
            });
            Assert.NotEqual(DecisionReason.SdkNotReady, decision.Reason);
            Assert.True(decision.IsOn);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public async Task UseCopiedManifest_false_starts_with_no_config()
    {
        var contentRoot = ContentRootWithManifest();
        try
        {
            var decision = await DecideAsync(contentRoot, new() { ["Hackle:Offline"] = "true", ["Hackle:UseCopiedManifest"] = "false", ["Hackle:ReadyTimeout"] = "00:00:00" });
            Assert.Equal(DecisionReason.SdkNotReady, decision.Reason);
        }
        finally
        {
            Directory.Delete(contentRoot, recursive: true);
        }
    }

    [Fact]
    public void A_relative_ConfigFilePath_found_nowhere_is_logged_naming_where_it_was_looked_for()
    {
        var logs = new LogCapture();
        var name = "nowhere-" + Guid.NewGuid().ToString("N") + ".json";
        using var client = HackleClient.Create(TestClients.NewKey(), new HackleClientOptions { Offline = true, ConfigFilePath = name, LoggerFactory = logs.Factory });

        Assert.False(client.IsReady);
        var warning = Assert.Single(logs.Entries, e => e.EventId.Id == 1003);
        Assert.True(warning.Level >= Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level.ToString());
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, name), warning.Message);
        Assert.Contains(Path.Combine(Directory.GetCurrentDirectory(), name), warning.Message);
        Assert.Contains("SDK_NOT_READY", warning.Message);
    }

    private static string ContentRootWithManifest()
    {
        var contentRoot = Directory.CreateTempSubdirectory("hackle-copied-").FullName;
        File.WriteAllText(Path.Combine(contentRoot, "hackle.flags.json"), Configs.Flag(on: true));
        return contentRoot;
    }

    private static async Task<FeatureFlagDecision> DecideAsync(string contentRoot, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot });
        settings["Hackle:SdkKey"] = TestClients.NewKey();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddHackle();
        using var host = builder.Build();
        await Eventually.WithinAsync(host.StartAsync());
        // With the server down (or offline), only a bootstrap file can have made it ready.
        var decision = host.Services.GetRequiredService<IHackleClient>().FeatureFlagDetail(Configs.FlagKey, TestClients.User());
        await Eventually.WithinAsync(host.StopAsync());
        return decision;
    }
}
