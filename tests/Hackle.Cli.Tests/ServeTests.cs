using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hackle.Cli.Tests.Infrastructure;

namespace Hackle.Cli.Tests;

/// <summary><c>hackle serve</c> over real HTTP on 127.0.0.1: config with Last-Modified / 304 and reload, event validation, the received summary.</summary>
public sealed class ServeTests : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    private static Uri Config(LocalServe serve, string key = "any-key") => new(serve.Url, "api/v2/workspaces/" + key + "/config");

    [Fact]
    public async Task Serves_the_manifest_with_last_modified_and_304()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        using var first = await _http.GetAsync(Config(serve));
        var lastModified = first.Content.Headers.GetValues("Last-Modified").Single();
        using var again = new HttpRequestMessage(HttpMethod.Get, Config(serve));
        again.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        using var second = await _http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(File.ReadAllBytes(Manifests.CheckoutPath), await first.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task Reloads_when_the_file_changes_and_keeps_the_last_good_one_on_a_bad_edit()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        using var first = await _http.GetAsync(Config(serve));
        var firstModified = first.Content.Headers.GetValues("Last-Modified").Single();

        var edited = Manifests.LoadCheckout();
        Manifests.Experiment(edited, 42)["name"] = "Checkout Flow";
        Manifests.Write(serve.ManifestPath, edited);
        await Eventually.TrueAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Config(serve));
            request.Headers.TryAddWithoutValidation("If-Modified-Since", firstModified);
            using var response = await _http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("Checkout Flow");
        }, "the edited manifest to be served");

        File.WriteAllText(serve.ManifestPath, "{ \"experiments\": [ broken");
        await Eventually.TrueAsync(() => { lock (serve.Messages) return serve.Messages.Any(m => m.StartsWith("warning: hackle.flags.json is not")); }, "the warning about the bad edit");
        using var afterBadEdit = await _http.GetAsync(Config(serve));

        Assert.Contains("Checkout Flow", await afterBadEdit.Content.ReadAsStringAsync());
        Assert.NotEqual(firstModified, afterBadEdit.Content.Headers.GetValues("Last-Modified").Single());
    }

    [Fact]
    public async Task Picks_up_a_file_replaced_by_a_rename_as_pull_does()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        var edited = Manifests.LoadCheckout();
        Manifests.Experiment(edited, 43)["name"] = "Onboarding";
        var staged = Manifests.Write(serve.ManifestPath + ".staged", edited);

        File.Move(staged, serve.ManifestPath, overwrite: true);

        await Eventually.TrueAsync(async () => (await _http.GetStringAsync(Config(serve))).Contains("\"Onboarding\""), "the replaced manifest to be served");
    }

    [Fact]
    public async Task Only_the_given_key_gets_the_config_when_one_is_given()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, sdkKey: "right-key");

        using var wrong = await _http.GetAsync(Config(serve, "wrong-key"));
        using var right = await _http.GetAsync(Config(serve, "right-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    private static JsonObject Exposure(string insertId, long experimentKey, string variation, string type = "AB_TEST") => new()
    {
        ["insertId"] = insertId,
        ["timestamp"] = 1_700_000_000_000,
        ["userId"] = "u1",
        ["identifiers"] = new JsonObject { ["$id"] = "u1" },
        ["userProperties"] = new JsonObject(),
        ["hackleProperties"] = new JsonObject(),
        ["experimentId"] = 1000 + experimentKey,
        ["experimentKey"] = experimentKey,
        ["experimentType"] = type,
        ["experimentVersion"] = 1,
        ["variationId"] = 1,
        ["variationKey"] = variation,
        ["decisionReason"] = "TRAFFIC_ALLOCATED",
        ["properties"] = new JsonObject(),
    };

    private static JsonObject Track(string insertId, string key, double? value) => new()
    {
        ["insertId"] = insertId,
        ["timestamp"] = 1_700_000_000_000,
        ["identifiers"] = new JsonObject { ["$id"] = "u1" },
        ["eventTypeId"] = 1,
        ["eventTypeKey"] = key,
        ["value"] = value,
        ["properties"] = new JsonObject(),
    };

    private static JsonObject Batch(JsonArray? exposures = null, JsonArray? tracks = null) => new()
    {
        ["exposureEvents"] = exposures ?? new JsonArray(),
        ["trackEvents"] = tracks ?? new JsonArray(),
        ["remoteConfigEvents"] = new JsonArray(),
    };

    private async Task<(HttpStatusCode Status, JsonDocument Body)> PostAsync(LocalServe serve, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(serve.Url, "api/v2/events"), content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<JsonElement> ReceivedAsync(LocalServe serve) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(serve.Url, "api/received"))).RootElement;

    private static long ExposureCount(JsonElement received, string type, long key, string variation) =>
        received.GetProperty("exposures").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == type && e.GetProperty("key").GetInt64() == key)
            .GetProperty("variations").EnumerateArray()
            .Single(v => v.GetProperty("key").GetString() == variation).GetProperty("count").GetInt64();

    [Fact]
    public async Task Accepts_valid_batches_and_counts_them()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        var batch = Batch(
            new JsonArray(Exposure("e1", 42, "A"), Exposure("e2", 42, "B"), Exposure("e3", 42, "B"), Exposure("e4", 7, "B", "FEATURE_FLAG")),
            new JsonArray(Track("t1", "purchase", 12.5), Track("t2", "purchase", 7.5), Track("t3", "add_to_cart", null)));

        var (status, body) = await PostAsync(serve, batch.ToJsonString());
        var received = await ReceivedAsync(serve);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(7, body.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(1, ExposureCount(received, "AB_TEST", 42, "A"));
        Assert.Equal(2, ExposureCount(received, "AB_TEST", 42, "B"));
        Assert.Equal(0, ExposureCount(received, "AB_TEST", 42, "C"));
        Assert.Equal(1, ExposureCount(received, "FEATURE_FLAG", 7, "B"));
        var checkout = received.GetProperty("exposures").EnumerateArray().Single(e => e.GetProperty("key").GetInt64() == 42 && e.GetProperty("type").GetString() == "AB_TEST");
        Assert.Equal("Checkout", checkout.GetProperty("name").GetString());
        var purchase = received.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "purchase");
        Assert.Equal(2, purchase.GetProperty("count").GetInt64());
        Assert.Equal(20.0, purchase.GetProperty("valueSum").GetDouble());
        Assert.Equal(7, received.GetProperty("recent").GetArrayLength());
        Assert.Equal(1, received.GetProperty("batches").GetInt64());
    }

    [Theory]
    [InlineData("not json", "the body is not JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"events\": []}", "none of exposureEvents, trackEvents, remoteConfigEvents")]
    public async Task A_malformed_batch_gets_400_with_the_reason(string body, string reason)
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        var (status, json) = await PostAsync(serve, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(reason, json.RootElement.GetProperty("error").GetString());
        Assert.Equal(1, (await ReceivedAsync(serve)).GetProperty("rejectedBatches").GetInt64());
    }

    [Fact]
    public async Task Invalid_events_are_refused_one_by_one_and_valid_ones_kept()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        var noVariation = Exposure("bad1", 42, "A");
        noVariation.Remove("variationKey");
        var badType = Exposure("bad2", 42, "A", type: "SOMETHING");
        var badValue = Track("bad3", "purchase", null);
        badValue["value"] = "twelve";
        var batch = Batch(new JsonArray(Exposure("ok1", 42, "C"), noVariation, badType), new JsonArray(badValue, Track("ok2", "purchase", 3)));

        var (status, json) = await PostAsync(serve, batch.ToJsonString());
        var received = await ReceivedAsync(serve);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(2, json.RootElement.GetProperty("accepted").GetInt32());
        var reasons = json.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => r.GetProperty("list").GetString() + "[" + r.GetProperty("index").GetInt32() + "]: " + r.GetProperty("reason").GetString()).ToList();
        Assert.Equal(
        [
            "exposureEvents[1]: 'variationKey' is missing or not a non-empty string",
            "exposureEvents[2]: 'experimentType' must be AB_TEST or FEATURE_FLAG",
            "trackEvents[0]: 'value' is not a number",
        ], reasons);
        Assert.Equal(1, ExposureCount(received, "AB_TEST", 42, "C"));
        Assert.Equal(3, received.GetProperty("rejectedEvents").GetInt64());
    }

    [Fact]
    public async Task An_oversized_batch_gets_413()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath, maxBatchBytes: 4096);
        var exposures = new JsonArray(Enumerable.Range(0, 40).Select(i => (JsonNode)Exposure("e" + i, 42, "A")).ToArray());

        var (status, json) = await PostAsync(serve, Batch(exposures).ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("larger than 4096 bytes", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_runtime_syncs_from_serve_and_its_exposures_and_tracks_arrive()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        var options = new HackleClientOptions
        {
            SdkUrl = serve.Url,
            EventUrl = serve.Url,
            EventFlushInterval = TimeSpan.FromMilliseconds(100),
            PollingInterval = TimeSpan.FromSeconds(30),
        };
        var expected = new Dictionary<string, int>();
        await using (var client = HackleClient.Create("runtime-test-key", options))
        {
            Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
            for (var i = 0; i < 60; i++)
            {
                var user = new HackleUser("user-" + i);
                var variation = client.Variation(42, user);
                expected[variation] = expected.GetValueOrDefault(variation) + 1;
                if (i % 10 == 0) client.Track(new HackleEvent("purchase") { Value = 10 }, user);
            }
            await client.FlushAsync();
        }

        var received = await ReceivedAsync(serve);
        foreach (var (variation, count) in expected)
            Assert.Equal(count, ExposureCount(received, "AB_TEST", 42, variation));
        var purchase = received.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("key").GetString() == "purchase");
        Assert.Equal(6, purchase.GetProperty("count").GetInt64());
        Assert.Equal(60.0, purchase.GetProperty("valueSum").GetDouble());
        Assert.Equal(0, received.GetProperty("rejectedEvents").GetInt64());
        Assert.True(received.GetProperty("configRequests").GetInt64() >= 1);
    }

    [Fact]
    public async Task The_stream_sends_a_new_summary_when_events_arrive()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        using var stream = await _http.GetStreamAsync(new Uri(serve.Url, "api/received/stream"));
        using var reader = new StreamReader(stream);

        var first = await NextDataAsync(reader);
        await PostAsync(serve, Batch(new JsonArray(Exposure("s1", 42, "B"))).ToJsonString());
        JsonElement next;
        do next = await NextDataAsync(reader); while (next.GetProperty("batches").GetInt64() == 0);

        Assert.Equal(0, first.GetProperty("batches").GetInt64());
        Assert.Equal(1, ExposureCount(next, "AB_TEST", 42, "B"));
        Assert.False(next.TryGetProperty("recent", out _));
    }

    [Fact]
    public async Task An_open_stream_does_not_hold_up_stopping()
    {
        var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        using var stream = await _http.GetStreamAsync(new Uri(serve.Url, "api/received/stream"));
        await NextDataAsync(new StreamReader(stream));

        var stopping = serve.DisposeAsync().AsTask();

        // Kestrel would otherwise wait its 30-second shutdown timeout for the stream to end.
        await stopping.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static async Task<JsonElement> NextDataAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]).RootElement;
        }
    }

    [Fact]
    public async Task The_page_is_self_contained()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);

        using var response = await _http.GetAsync(serve.Url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("new EventSource(\"api/received/stream\")", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script src", html);
        Assert.DoesNotContain("<link", html);
    }

    [Fact]
    public async Task Delete_clears_what_was_received()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        await PostAsync(serve, Batch(new JsonArray(Exposure("d1", 42, "B"))).ToJsonString());

        using var response = await _http.DeleteAsync(new Uri(serve.Url, "api/received"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, ExposureCount(await ReceivedAsync(serve), "AB_TEST", 42, "B"));
    }
}
