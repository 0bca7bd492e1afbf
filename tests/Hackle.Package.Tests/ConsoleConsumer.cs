using Hackle.Package.Tests.Infrastructure;

namespace Hackle.Package.Tests;

/// <summary>
/// A console app that references only the HackleTyped package. Built (with restore) and run once before
/// its tests; the manifest-edit tests then reuse the same project for their incremental builds.
/// </summary>
public sealed class ConsoleConsumer(PackageFeed feed) : IAsyncLifetime
{
    public const string RootNamespace = "ShopApp";

    /// <summary>The planted statement HKA103 must point at (a local client that is never disposed).</summary>
    public const string UndisposedClientMarker = "HackleClient.Create(\"e2e-leaked\"";

    /// <summary>Users the app decides for: "id" or "id;property=value;...".</summary>
    public static readonly string[] Users =
    [
        "qa-tester-1",                          // user override: Checkout B, NewCheckout on
        "gold-7;grade=GOLD",                    // NewCheckout target rule (GOLD or VIP)
        "vip-3;grade=VIP",
        "staff-1;email=ann@hackle.example",     // segment "internal_staff": Checkout C
        "silver-2;grade=SILVER",                // no rule matches: bucketed like everyone else
        .. Enumerable.Range(1, 16).Select(i => "user-" + i),
    ];

    internal ConsumerProject Project { get; private set; } = null!;

    internal ProcessResult FirstBuild { get; private set; } = null!;

    /// <summary>The run after the first build, or null when that build failed.</summary>
    internal ProcessResult? FirstRun { get; private set; }

    public PackageFeed Feed => feed;

    public async Task InitializeAsync()
    {
        Project = new ConsumerProject(feed, "console", "Microsoft.NET.Sdk", [PackageFeed.MainPackageId],
            $"    <RootNamespace>{RootNamespace}</RootNamespace>");
        Project.Write("Program.cs", ProgramSource("Checkout"));
        FirstBuild = await Project.BuildAsync(restore: true);
        if (FirstBuild.Succeeded) FirstRun = await Project.RunAsync(Users);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The line the app prints for a user when both overloads agree.</summary>
    public static string DecisionLine(string userId, string variation, string variationReason, bool on, string flagReason)
    {
        var onText = on ? "on" : "off";
        return $"decision {userId} checkout={variation}|{variation}:{variationReason} newcheckout={onText}|{onText}:{flagReason}";
    }

    /// <summary>
    /// The app, using the experiment accessor class <paramref name="experiment"/> (the manifest-edit test
    /// renames it). It prints one "decision" line per user through both generated overloads, the one on
    /// HackleClient.Current and the one taking the client: see <see cref="DecisionLine"/>.
    /// </summary>
    public static string ProgramSource(string experiment) => $$"""
        using System;
        using System.IO;
        using Hackle;
        using {{RootNamespace}};

        // Offline from the manifest that the package's build targets copy next to the app.
        var manifest = Path.Combine(AppContext.BaseDirectory, "hackle.flags.json");
        await using var client = HackleClient.Create("e2e-console", new HackleClientOptions { Offline = true, ConfigFilePath = manifest });
        Console.WriteLine($"ready={client.IsReady} experiment-key={Experiments.{{experiment}}.Key} feature-key={Features.NewCheckout.Key}");

        foreach (var arg in args)
        {
            var parts = arg.Split(';');
            var user = new HackleUser(parts[0]);
            foreach (var property in parts[1..])
            {
                var pair = property.Split('=', 2);
                user.Properties[pair[0]] = pair[1];
            }
            // Each pair: the overload on HackleClient.Current | the overload taking the client.
            Experiments.{{experiment}}.Variant variation = Experiments.{{experiment}}.Variation(user);
            var detail = Experiments.{{experiment}}.VariationDetail(client, user);
            var on = Features.NewCheckout.IsOn(user) ? "on" : "off";
            var flag = Features.NewCheckout.Detail(client, user);
            Console.WriteLine($"decision {user.Id} checkout={variation}|{detail.Variation}:{detail.Reason.ToWireName()} " +
                $"newcheckout={on}|{(flag.IsOn ? "on" : "off")}:{flag.Reason.ToWireName()}");
        }

        // Planted for the analyzer test: a local client that is never disposed (HKA103).
        var leaked = HackleClient.Create("e2e-leaked", new HackleClientOptions { Offline = true, ConfigFilePath = manifest });
        Console.WriteLine($"leaked-ready={leaked.IsReady}");
        return 0;
        """;
}
