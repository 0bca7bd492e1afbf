using Hackle.Cli.Tests.Infrastructure;
using PuppeteerSharp;

namespace Hackle.Cli.Tests;

/// <summary>
/// The live page in a real browser: Debian's chromium, headless, driven over the DevTools protocol.
/// The runtime sends real exposures and tracks to <c>hackle serve</c>, and the open page must show them
/// without a reload. Needs /usr/bin/chromium (tools/ci/install-chromium.sh installs it).
/// </summary>
public sealed class LivePageBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly TempDirectory _profile = new();
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run tools/ci/install-chromium.sh (apt-get install chromium).");
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            UserDataDir = _profile.Path,
            Timeout = 60_000,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser != null) await _browser.CloseAsync();
        _profile.Dispose();
    }

    [Fact]
    public async Task Exposures_and_purchases_appear_on_the_open_page_without_a_reload()
    {
        await using var serve = await LocalServe.StartAsync(Manifests.CheckoutPath);
        var page = await _browser!.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1200, Height = 1100 });
        await page.GoToAsync(serve.Url.AbsoluteUri, WaitUntilNavigation.DOMContentLoaded);
        await page.WaitForFunctionAsync("() => document.getElementById('connection').textContent === 'live' && document.querySelector('[data-item=\"AB_TEST:42\"]') !== null");
        Assert.Equal("0", await CellAsync(page, "AB_TEST:42", "A"));
        // Survives only as long as the document does: a reload would clear it.
        await page.EvaluateExpressionAsync("window.__loadedOnce = 'yes'");

        var checkout = new Dictionary<string, int>();
        var flagOn = 0;
        await using (var client = HackleClient.Create("browser-test-key", new HackleClientOptions
        {
            SdkUrl = serve.Url,
            EventUrl = serve.Url,
            EventFlushInterval = TimeSpan.FromMilliseconds(100),
            PollingInterval = TimeSpan.FromSeconds(30),
        }))
        {
            Assert.True(await client.WaitUntilReadyAsync(TimeSpan.FromSeconds(10)));
            for (var i = 0; i < 90; i++)
            {
                var user = new HackleUser("shopper-" + i);
                var variation = client.Variation(42, user);
                checkout[variation] = checkout.GetValueOrDefault(variation) + 1;
                if (client.IsFeatureOn(7, user)) flagOn++;
                if (i % 9 == 0) client.Track(new HackleEvent("purchase") { Value = 25 }, user);
            }
            await client.FlushAsync();
        }

        var expected = string.Join(",", new[] { "A", "B", "C" }.Select(v => checkout.GetValueOrDefault(v)));
        await page.WaitForFunctionAsync(
            "expected => ['A','B','C'].map(v => document.querySelector('[data-item=\"AB_TEST:42\"] tr[data-variation=\"' + v + '\"] [data-testid=exposure-count]').textContent).join(',') === expected",
            new WaitForFunctionOptions { Timeout = 15_000 }, expected);
        await page.WaitForFunctionAsync(
            "() => document.querySelector('#tracks tr[data-event=\"purchase\"] [data-testid=track-count]')?.textContent === '10'",
            new WaitForFunctionOptions { Timeout = 15_000 });

        Assert.Equal("yes", await page.EvaluateExpressionAsync<string>("window.__loadedOnce"));
        Assert.Equal("90", await page.EvaluateExpressionAsync<string>("document.querySelector('[data-item=\"AB_TEST:42\"] [data-testid=exposure-total]').textContent"));
        Assert.Equal(flagOn.ToString(), await CellAsync(page, "FEATURE_FLAG:7", "B"));
        Assert.Equal((90 - flagOn).ToString(), await CellAsync(page, "FEATURE_FLAG:7", "A"));
        Assert.Equal(250.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")),
            await page.EvaluateExpressionAsync<string>("document.querySelector('#tracks tr[data-event=\"purchase\"] [data-testid=track-sum]').textContent"));
        var share = await page.EvaluateExpressionAsync<string>("document.querySelector('[data-item=\"AB_TEST:42\"] tr[data-variation=\"A\"] [data-testid=exposure-share]').textContent");
        Assert.Equal((checkout.GetValueOrDefault("A") * 100.0 / 90).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", share);

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        var screenshot = Path.Combine(screenshots, "live-page.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static Task<string> CellAsync(IPage page, string item, string variation) =>
        page.EvaluateExpressionAsync<string>(
            $"document.querySelector('[data-item=\"{item}\"] tr[data-variation=\"{variation}\"] [data-testid=exposure-count]').textContent");
}
