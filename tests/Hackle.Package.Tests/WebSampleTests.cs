using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hackle.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hackle.Package.Tests;

/// <summary>
/// README's web sample block run as written, in a copy of the repository: `dotnet run --project samples/Checkout.Web
/// --urls …` (on port 0 instead of 5080, so parallel runs never collide) and each documented `curl`, against the real
/// app with its real offline client (tests/Checkout.Web.Tests replaces the client with a test client instead).
/// </summary>
public sealed partial class WebSampleRun(PackageFeed feed) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);
    private readonly StringBuilder _output = new();
    private Process? _app;

    internal string CommandLine { get; private set; } = "";

    /// <summary>The repository's manifest, which the sample loads offline.</summary>
    internal string RepoManifestPath => feed.RepoManifestPath;

    /// <summary>The documented requests, in README's order: method and path with query.</summary>
    internal IReadOnlyList<(string Method, string PathAndQuery)> Requests { get; private set; } = [];

    /// <summary>Each request's status and body, in the same order; empty when the app did not start.</summary>
    internal IReadOnlyList<(HttpStatusCode Status, string Body)> Responses { get; private set; } = [];

    internal string? StartFailure { get; private set; }

    internal TimeSpan StartTime { get; private set; }

    internal string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async Task InitializeAsync()
    {
        var blocks = ReadmeDocument.Blocks(await File.ReadAllTextAsync(ReadmeDocument.PathIn(feed.RepoRoot)));
        var block = blocks.First(b => b.Language == "sh" && b.Code.Contains("dotnet run --project samples/Checkout.Web", StringComparison.Ordinal));
        var lines = block.CommandLines.ToArray();
        CommandLine = lines[0];
        Requests = lines[1..].Select(Curl).ToArray();

        var arguments = ReadmeDocument.Arguments(CommandLine.Replace(DocumentedOrigin, "http://127.0.0.1:0", StringComparison.Ordinal))[1..];
        var info = DotNetCli.StartInfo(feed.SampleSource(), arguments);
        info.Environment["UseSharedCompilation"] = "false";
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _app = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        _app.OutputDataReceived += onLine;
        _app.ErrorDataReceived += onLine;
        _app.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the sample exited before listening"));
        var clock = Stopwatch.StartNew();
        _app.Start();
        _app.StandardInput.Close();
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        Uri origin;
        try
        {
            origin = await listening.Task.WaitAsync(StartTimeout);
            StartTime = clock.Elapsed;
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            StartFailure = e.Message;
            return;
        }

        using var http = new HttpClient { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(30) };
        var responses = new List<(HttpStatusCode, string)>();
        foreach (var (method, pathAndQuery) in Requests)
        {
            using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), pathAndQuery));
            responses.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        Responses = responses;
    }

    public Task DisposeAsync()
    {
        if (_app is not null)
        {
            DotNetCli.Kill(_app);   // `dotnet run` and the app it started
            _app.Dispose();
        }
        return Task.CompletedTask;
    }

    /// <summary>Where README has the sample listen.</summary>
    internal const string DocumentedOrigin = "http://127.0.0.1:5080";

    private static (string, string) Curl(string line)
    {
        var match = CurlLine().Match(line);
        if (!match.Success) throw new InvalidOperationException("README's web sample block has a line this test cannot read: " + line);
        return (match.Groups[1].Success ? match.Groups[1].Value : "GET", match.Groups[2].Value);
    }

    [GeneratedRegex("""^curl (?:-X ([A-Z]+) )?"http://127\.0\.0\.1:5080(/[^"]*)"$""")]
    private static partial Regex CurlLine();

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}

[Collection(PackedPackageCollection.Name)]
public sealed class WebSampleTests(WebSampleRun sample, ITestOutputHelper log) : IClassFixture<WebSampleRun>
{
    private const long CheckoutKey = 42;
    private const long NewCheckoutKey = 7;

    [Fact]
    public void ReadmeDocumentsTheThreeEndpoints()
    {
        Assert.Equal($"dotnet run --project samples/Checkout.Web --urls {WebSampleRun.DocumentedOrigin}", sample.CommandLine);
        Assert.Equal(
            new[] { ("GET", "/checkout?userId=qa-tester-1"), ("GET", "/checkout/detail?userId=u7&grade=GOLD"), ("POST", "/purchase?userId=ae2182e0") },
            sample.Requests);
    }

    [Fact]
    public void CheckoutShowsTheFlowOfTheUsersVariation()
    {
        var page = Json(0);
        // qa-tester-1 is overridden to B in hackle.flags.json and individually targeted for NewCheckout.
        Assert.Equal("qa-tester-1", page.GetProperty("user").GetString());
        Assert.Equal("B", page.GetProperty("variation").GetString());
        Assert.Equal("one-page", page.GetProperty("layout").GetString());
        Assert.True(page.GetProperty("newCheckout").GetBoolean());
    }

    [Fact]
    public void CheckoutDetailGivesTheDecisionsTheirReasonsAndTheBanner()
    {
        var detail = Json(1);
        // The same decisions computed here by the runtime from the repository's manifest, for u7 with grade GOLD.
        using var client = HackleClient.Create("e2e-web-sample-expected",
            new HackleClientOptions { Offline = true, Workspace = HackleWorkspace.Load(sample.RepoManifestPath) });
        var user = new HackleUser("u7") { Properties = { ["grade"] = "GOLD" } };
        var variation = client.VariationDetail(CheckoutKey, user);
        var flag = client.FeatureFlagDetail(NewCheckoutKey, user);

        Assert.Equal(variation.VariationKey, detail.GetProperty("variation").GetString());
        Assert.Equal(variation.Reason.ToWireName(), detail.GetProperty("variationReason").GetString());
        // GOLD is in NewCheckout's target rule (README: "NewCheckout (key 7, target rule + 30 % rollout)").
        Assert.True(detail.GetProperty("newCheckout").GetBoolean());
        Assert.Equal("TARGET_RULE_MATCH", detail.GetProperty("newCheckoutReason").GetString());
        Assert.Equal(flag.Reason.ToWireName(), detail.GetProperty("newCheckoutReason").GetString());
        Assert.Equal(client.RemoteConfig(user).GetString("checkout_banner_text", "Welcome"), detail.GetProperty("banner").GetString());
        Assert.NotEqual("Welcome", detail.GetProperty("banner").GetString());   // the manifest's value, not the fallback
    }

    [Fact]
    public void PurchaseIsAccepted()
    {
        var (status, body) = Response(2);
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("", body);
    }

    private (HttpStatusCode Status, string Body) Response(int index)
    {
        Assert.True(sample.StartFailure is null, $"the sample did not start: {sample.StartFailure}\n{sample.Output}");
        log.WriteLine($"dotnet run (build and start): {sample.StartTime.TotalSeconds:F1} s");
        return sample.Responses[index];
    }

    private JsonElement Json(int index)
    {
        var (status, body) = Response(index);
        Assert.True(status == HttpStatusCode.OK, $"{sample.Requests[index]}: {(int)status} {body}\n{sample.Output}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
