using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hackle.Cli.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hackle.Cli.Tests;

/// <summary><c>hackle pull</c> against <c>hackle serve</c> and against scripted failures.</summary>
public sealed class PullTests : IDisposable
{
    // Distinctive, so that any leak into output is found by a plain substring search.
    private const string Key = "srv-KEY-7f3a9c1e5b2d4680";

    private readonly TempDirectory _temp = new();
    private readonly CliRun _cli;

    public PullTests() => _cli = new CliRun(_temp.Path, new Dictionary<string, string>());

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> PullAsync(Uri server, params string[] extra) =>
        _cli.RunAsync(["pull", "--sdk-key", Key, "--sdk-url", server.AbsoluteUri, "--verbose", .. extra]);

    private static void AssertNoKey(CliResult result)
    {
        Assert.DoesNotContain(Key, result.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(Key), result.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pulls_from_serve_and_writes_canonical_json()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var result = await PullAsync(serve.Url);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNoKey(result);
        Assert.Contains("Wrote hackle.flags.json (3 experiments, 2 feature flags, 3 remote-config parameters)", result.Out);
        var text = File.ReadAllText(_temp.File("hackle.flags.json"));
        Assert.DoesNotContain("\r", text);
        Assert.EndsWith("}\n", text);
        Assert.StartsWith("{\n  \"buckets\": [\n    {\n      \"id\": ", text);
        // Same content as the served manifest, and the runtime accepts it.
        Assert.True(SameItems(text));
        Assert.Equal(3, HackleWorkspace.Parse(text).ExperimentCount);
    }

    /// <summary>Sorting reorders top-level arrays; compare them as sets of items.</summary>
    private static bool SameItems(string pulled)
    {
        var original = JsonNode.Parse(File.ReadAllText(Manifests.CheckoutPath))!.AsObject();
        var written = JsonNode.Parse(pulled)!.AsObject();
        if (original.Count != written.Count) return false;
        foreach (var (name, value) in original)
        {
            var other = written[name];
            if (value is JsonArray array)
            {
                if (other is not JsonArray otherArray || array.Count != otherArray.Count) return false;
                if (!array.All(item => otherArray.Any(o => JsonNode.DeepEquals(item, o)))) return false;
            }
            else if (!JsonNode.DeepEquals(value, other)) return false;
        }
        return true;
    }

    [Fact]
    public async Task Pulling_twice_gives_identical_bytes_and_says_up_to_date()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.RecordedGoPath);

        var first = await PullAsync(serve.Url);
        var bytes = File.ReadAllBytes(_temp.File("hackle.flags.json"));
        var second = await PullAsync(serve.Url);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(_temp.File("hackle.flags.json")));
        Assert.Contains("hackle.flags.json is up to date", second.Out);
        HackleWorkspace.Parse(bytes);
    }

    [Fact]
    public async Task A_reordered_config_gives_identical_output()
    {
        var root = JsonNode.Parse(File.ReadAllText(Manifests.RecordedGoPath))!.AsObject();
        var reordered = Reorder(root);
        var reorderedPath = Manifests.Write(_temp.File("reordered-source.json"), reordered);

        await using (var serve = await LocalServe.StartAsync(Manifests.RecordedGoPath))
            Assert.Equal(0, (await PullAsync(serve.Url, "-o", "a.json")).ExitCode);
        await using (var serve = await LocalServe.StartAsync(reorderedPath))
            Assert.Equal(0, (await PullAsync(serve.Url, "-o", "b.json")).ExitCode);

        Assert.NotEqual(File.ReadAllText(Manifests.RecordedGoPath), File.ReadAllText(reorderedPath));
        Assert.Equal(File.ReadAllBytes(_temp.File("a.json")), File.ReadAllBytes(_temp.File("b.json")));
    }

    /// <summary>Every object's properties reversed, and the top-level collections reversed.</summary>
    private static JsonNode Reorder(JsonNode node, bool topLevel = true)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj.Reverse().ToList())
                {
                    result[name] = value is null ? null : Reorder(value.DeepClone(), topLevel: false);
                    if (topLevel && result[name] is JsonArray array)
                    {
                        var items = array.Select(i => i?.DeepClone()).Reverse().ToArray();
                        result[name] = new JsonArray(items);
                    }
                }
                return result;
            case JsonArray array:
                return new JsonArray(array.Select(i => i is null ? null : Reorder(i.DeepClone(), topLevel: false)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    [Fact]
    public async Task Strip_overrides_empties_user_overrides_only()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var stripped = await PullAsync(serve.Url, "--strip-overrides", "-o", "stripped.json");
        var full = await PullAsync(serve.Url, "-o", "full.json");

        Assert.Equal(0, stripped.ExitCode);
        Assert.Contains("user overrides removed", stripped.Out);
        Assert.Contains("qa-tester-1", File.ReadAllText(_temp.File("full.json")));
        var text = File.ReadAllText(_temp.File("stripped.json"));
        Assert.DoesNotContain("qa-tester-1", text);
        using var document = JsonDocument.Parse(text);
        foreach (var collection in new[] { "experiments", "featureFlags" })
        {
            foreach (var item in document.RootElement.GetProperty(collection).EnumerateArray())
                Assert.Equal(0, item.GetProperty("execution").GetProperty("userOverrides").GetArrayLength());
        }
        // Nothing the generator reads changed.
        var diff = await _cli.RunAsync("diff", "full.json", "stripped.json", "--fail-on", "any");
        Assert.Equal(0, diff.ExitCode);
    }

    [Fact]
    public async Task Sends_the_runtime_path_and_headers()
    {
        var body = File.ReadAllBytes(Manifests.CheckoutPath);
        await using var server = await ScriptedServer.StartAsync(context => context.Response.Body.WriteAsync(body).AsTask());

        var result = await PullAsync(server.Url);

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v2/workspaces/" + Key + "/config", request.Path);
        Assert.Equal(Key, request.Headers["X-HACKLE-SDK-KEY"]);
        Assert.Equal(HackleClientOptions.DefaultSdkName, request.Headers["X-HACKLE-SDK-NAME"]);
        Assert.False(string.IsNullOrEmpty(request.Headers["X-HACKLE-SDK-VERSION"]));
        Assert.True(long.Parse(request.Headers["X-HACKLE-SDK-TIME"]) > 0);
        Assert.Contains("GET http://127.0.0.1:" + server.Url.Port + "/api/v2/workspaces/***/config", result.Error);
        AssertNoKey(result);
    }

    [Fact]
    public async Task Shows_the_changes_before_overwriting()
    {
        var old = Manifests.LoadCheckout();
        old["experiments"]!.AsArray().Remove(Manifests.Experiment(old, 44));
        Manifests.Write(_temp.File("hackle.flags.json"), old);
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var result = await PullAsync(serve.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1 experiment added", result.Out);
        Assert.Contains("Wrote hackle.flags.json", result.Out);
    }

    [Fact]
    public async Task Replacing_a_hand_formatted_copy_says_nothing_changed_for_the_code()
    {
        File.Copy(Manifests.CheckoutPath, _temp.File("hackle.flags.json"));
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var result = await PullAsync(serve.Url, "--fail-on", "any");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Wrote hackle.flags.json", result.Out);
        Assert.Contains("No changes for the code", result.Out);
        Assert.NotEqual(File.ReadAllBytes(Manifests.CheckoutPath), File.ReadAllBytes(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task Fail_on_breaking_keeps_the_file_and_exits_1()
    {
        var edited = Manifests.LoadCheckout();
        var experiment = Manifests.Experiment(edited, 42);
        experiment["variations"]!.AsArray().Remove(Manifests.Variation(experiment, "C"));
        var servedPath = Manifests.Write(_temp.File("served.json"), edited);
        File.Copy(Manifests.CheckoutPath, _temp.File("hackle.flags.json"));
        var before = File.ReadAllBytes(_temp.File("hackle.flags.json"));
        await using var serve = await LocalServe.StartAsync(servedPath);

        var result = await PullAsync(serve.Url, "--fail-on", "breaking");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 variation removed in 'Checkout' (key 42) (breaking)", result.Out);
        Assert.Contains("hackle.flags.json was not changed", result.Error);
        Assert.Equal(before, File.ReadAllBytes(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task Json_output_reports_what_was_written()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var result = await PullAsync(serve.Url, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("written").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("experiments").GetInt32());
        AssertNoKey(result);
    }

    [Fact]
    public async Task The_key_can_come_from_the_environment()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, sdkKey: Key);
        var cli = new CliRun(_temp.Path, new Dictionary<string, string> { ["HACKLE_SDK_KEY"] = Key, ["HACKLE_SDK_URL"] = serve.Url.AbsoluteUri });

        var result = await cli.RunAsync("pull", "--verbose");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNoKey(result);
    }

    [Fact]
    public async Task No_key_is_a_usage_error()
    {
        var result = await _cli.RunAsync("pull");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no SDK key. Set HACKLE_SDK_KEY or pass --sdk-key", result.Error);
    }

    [Fact]
    public async Task A_key_that_cannot_travel_is_refused_without_echoing_it()
    {
        var result = await _cli.RunAsync("pull", "--sdk-key", "abc def-SECRETPART");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("SECRETPART", result.All);
    }

    [Fact]
    public async Task A_refused_key_exits_4()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, sdkKey: "another-key");

        var result = await PullAsync(serve.Url);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("refused the SDK key (401 Unauthorized)", result.Error);
        AssertNoKey(result);
        Assert.False(File.Exists(_temp.File("hackle.flags.json")));
    }

    [Fact]
    public async Task Forbidden_is_a_refused_key_too()
    {
        await using var server = await ScriptedServer.StartAsync(context => { context.Response.StatusCode = 403; return Task.CompletedTask; });

        var result = await PullAsync(server.Url);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("(403 Forbidden)", result.Error);
        AssertNoKey(result);
    }

    [Fact]
    public async Task Not_found_exits_5_and_points_at_the_url()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var result = await PullAsync(new Uri(serve.Url, "/somewhere/else/"));

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("(404 Not Found). Check --sdk-url", result.Error);
        AssertNoKey(result);
    }

    [Fact]
    public async Task A_server_error_exits_6()
    {
        await using var server = await ScriptedServer.StartAsync(context => { context.Response.StatusCode = 500; return Task.CompletedTask; });

        var result = await PullAsync(server.Url);

        Assert.Equal(6, result.ExitCode);
        Assert.Contains("answered 500 Internal Server Error", result.Error);
        AssertNoKey(result);
    }

    [Fact]
    public async Task An_unreachable_host_exits_7_and_names_it()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await PullAsync(new Uri($"http://127.0.0.1:{port}/"));

        Assert.Equal(7, result.ExitCode);
        Assert.Contains($"Could not reach 127.0.0.1:{port}: the connection was refused", result.Error);
        AssertNoKey(result);
    }

    [Fact]
    public async Task A_slow_server_times_out_with_exit_8()
    {
        await using var server = await ScriptedServer.StartAsync(async context =>
        {
            try { await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted); } catch (OperationCanceledException) { }
        });

        var result = await PullAsync(server.Url, "--timeout", "0.3");

        Assert.Equal(8, result.ExitCode);
        Assert.Contains("did not answer within 0.3 s", result.Error);
        AssertNoKey(result);
    }

    [Theory]
    [InlineData("<html>maintenance</html>")]
    [InlineData("[1, 2, 3]")]
    public async Task A_body_that_is_not_a_config_exits_9_and_writes_nothing(string body)
    {
        await using var server = await ScriptedServer.StartAsync(context => context.Response.WriteAsync(body + " " + Key));

        var result = await PullAsync(server.Url);

        Assert.Equal(9, result.ExitCode);
        Assert.Contains("is not a workspace config", result.Error);
        Assert.Contains("Nothing was written", result.Error);
        Assert.False(File.Exists(_temp.File("hackle.flags.json")));
        AssertNoKey(result);
    }

    [Fact]
    public async Task An_unwritable_output_exits_10()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        Directory.CreateDirectory(_temp.File("taken"));

        var result = await PullAsync(serve.Url, "-o", "taken");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("could not write taken", result.Error);
    }
}
