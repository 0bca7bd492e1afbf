using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Hackle.Package.Tests.Infrastructure;

namespace Hackle.Package.Tests;

/// <summary>
/// An ASP.NET Core minimal-API app that references every packed package (HackleTyped and the hosting
/// package), as the README's quick start says. Built once, then started on a free loopback port for the
/// tests' requests, and stopped (with its whole process tree) afterwards. It runs as README's hosting
/// section shows, `AddHackle()` with an SDK key and nothing else: online, against a config and event server
/// that is down, and from a working directory without the manifest, so only the hackle.flags.json that
/// the build copied beside the app can make it decide.
/// </summary>
public sealed partial class WebConsumer(PackageFeed feed) : IAsyncLifetime
{
    public const string RootNamespace = "ShopWeb";

    /// <summary>The planted creation HKA101 must point at (a client created inside a minimal-API handler).</summary>
    public const string PerRequestClientMarker = "HackleClient.Create(\"e2e-per-request\")";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly StringBuilder _appOutput = new();
    private Process? _app;

    internal ConsumerProject Project { get; private set; } = null!;

    internal ProcessResult Build { get; private set; } = null!;

    /// <summary>Where the app listens, or null when it did not build or start (see <see cref="StartFailure"/>).</summary>
    public Uri? BaseAddress { get; private set; }

    public string? StartFailure { get; private set; }

    /// <summary>The body of the app's first request, GET /checkout/qa-tester-1/reason (the decision's reason).</summary>
    public string? FirstResponse { get; private set; }

    public PackageFeed Feed => feed;

    /// <summary>Where the app's config and event server would be: a loopback port nothing listens on.</summary>
    public Uri DownServer { get; } = ClosedPort.Url();

    /// <summary>What the running app has printed so far.</summary>
    public string AppOutput
    {
        get { lock (_appOutput) return _appOutput.ToString(); }
    }

    public async Task InitializeAsync()
    {
        // Only the hosting package: HackleTyped, its generator, analyzers and build logic come with it.
        Project = new ConsumerProject(feed, "web", "Microsoft.NET.Sdk.Web", feed.PackageIds.Where(id => id != PackageFeed.MainPackageId).ToArray(),
            $"    <RootNamespace>{RootNamespace}</RootNamespace>\n    <ImplicitUsings>enable</ImplicitUsings>");
        Project.Write("Program.cs", ProgramSource);
        Build = await Project.BuildAsync(restore: true);
        if (!Build.Succeeded)
        {
            StartFailure = "the build failed";
            return;
        }
        await StartAsync();
    }

    private async Task StartAsync()
    {
        // Port 0: Kestrel picks a free loopback port and logs it, so parallel runs never collide. The settings
        // come from the command line: the working directory (the content root) is empty on purpose.
        var elsewhere = Directory.CreateDirectory(Path.Combine(feed.Root, "web-elsewhere")).FullName;
        var app = Path.Combine(Project.Directory, "bin", "Release", "net10.0", "web.dll");
        var info = DotNetCli.StartInfo(elsewhere,
        [
            app, "--urls", "http://127.0.0.1:0",
            "--Hackle:SdkKey=e2e-web", "--Hackle:SdkUrl=" + DownServer, "--Hackle:EventUrl=" + DownServer,
            "--Hackle:CloseTimeout=00:00:02", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ]);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _app = new Process { StartInfo = info, EnableRaisingEvents = true };
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is null) return;
            lock (_appOutput) _appOutput.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
        };
        _app.OutputDataReceived += onLine;
        _app.ErrorDataReceived += onLine;
        _app.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the app exited before listening"));
        _app.Start();
        _app.StandardInput.Close();
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        try
        {
            BaseAddress = await listening.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            StartFailure = e.Message;
            return;
        }

        // The app's first request, made before any test's: how a user's first visitor after a deploy is served.
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            FirstResponse = await http.GetStringAsync("/checkout/qa-tester-1/reason");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            FirstResponse = "the request failed: " + e.Message;
        }
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

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    /// <summary>
    /// The app: the hosted client from AddHackle (bound from the "Hackle" section) behind typed accessors,
    /// and one planted mistake, a client created inside a handler.
    /// </summary>
    public const string ProgramSource = $$"""
        using Hackle;
        using {{RootNamespace}};

        var builder = WebApplication.CreateBuilder(args);

        // One client for the process, as README shows: it starts from the manifest the build copied beside the app.
        builder.Services.AddHackle();

        var app = builder.Build();

        app.MapGet("/checkout/{userId}", (string userId, string? grade, IHackleClient hackle) =>
        {
            var user = new HackleUser(userId);
            if (grade is not null) user.Properties["grade"] = grade;
            var on = Features.NewCheckout.IsOn(hackle, user) ? "on" : "off";
            return $"{Experiments.Checkout.Variation(hackle, user)} {on}";
        });

        app.MapGet("/checkout/{userId}/reason", (string userId, IHackleClient hackle) =>
            Experiments.Checkout.VariationDetail(hackle, new HackleUser(userId)).Reason.ToWireName());

        // Planted for the analyzer test: a client created per request (HKA101).
        app.MapGet("/per-request", () =>
        {
            using var perRequest = HackleClient.Create("e2e-per-request");
            return perRequest.IsReady ? "ready" : "not ready";
        });

        app.Run();
        """;
}
