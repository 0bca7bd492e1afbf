using System.Net;
using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

[Collection(PackedPackageCollection.Name)]
public sealed class WebConsumerTests(WebConsumer web, ITestOutputHelper log) : IClassFixture<WebConsumer>
{
    [Fact]
    public void ClientCreatedInAMinimalApiHandlerIsReportedAsHka101AtItsLine()
    {
        Assert.True(web.Build.Succeeded, web.Build.ToString());
        log.WriteLine($"web restore+build: {web.Build.Elapsed.TotalSeconds:F1} s");
        var position = SourcePosition.Of(WebConsumer.ProgramSource, WebConsumer.PerRequestClientMarker);

        // Only there: HKA101 takes precedence over HKA103 for that creation, and the hosted client is not flagged.
        var reported = BuildOutput.AssertOnlyClientWarningAt(web.Build, "HKA101", web.Project.PathOf("Program.cs"), position);
        Assert.Contains("in a minimal-API handler", reported);
    }

    [Theory]
    [InlineData("qa-tester-1", null, "B on")]          // user overrides of both
    [InlineData("gold-7", "GOLD", null)]               // NewCheckout target rule; Checkout bucketed
    [InlineData("user-3", null, null)]                 // bucketed in both
    public async Task EndpointDecidesWithTheHostedClientThroughGeneratedAccessors(string userId, string? grade, string? written)
    {
        Assert.True(web.BaseAddress is not null, $"the app did not start: {web.StartFailure}\n{web.Build}\n{web.AppOutput}");

        // The runtime's own decision, computed in-process from the repository's manifest.
        var user = new HackleUser(userId);
        if (grade is not null) user.Properties["grade"] = grade;
        using var client = HackleClient.Create("e2e-expected-web", new HackleClientOptions
        {
            Offline = true,
            Workspace = HackleWorkspace.Load(web.Feed.RepoManifestPath),
        });
        var expected = $"{client.Variation(42, user)} {(client.IsFeatureOn(7, user) ? "on" : "off")}";
        if (written is not null) Assert.Equal(written, expected);
        if (grade == "GOLD") Assert.EndsWith(" on", expected);

        using var http = new HttpClient { BaseAddress = web.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var path = $"/checkout/{userId}" + (grade is null ? "" : "?grade=" + grade);
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}\n{web.AppOutput}");
        Assert.Equal(expected, body);
    }

    [Fact]
    public void WithTheServerDownTheFirstRequestIsDecidedFromTheCopiedManifest()
    {
        Assert.True(web.BaseAddress is not null, $"the app did not start: {web.StartFailure}\n{web.Build}\n{web.AppOutput}");

        // qa-tester-1 is overridden to B in the manifest: OVERRIDDEN, not SDK_NOT_READY, proves it was in force.
        Assert.Equal("OVERRIDDEN", web.FirstResponse);
        // Ready when the host started, not after the hosted service's bounded wait for a first poll.
        Assert.DoesNotContain("not ready at startup", web.AppOutput, StringComparison.Ordinal);
    }
}
