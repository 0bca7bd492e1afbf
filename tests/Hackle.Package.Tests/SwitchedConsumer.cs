using Hackle.Package.Tests.Infrastructure;

namespace Hackle.Package.Tests;

/// <summary>
/// A console app that sets every MSBuild switch the package documents (README's options table, docs/generator.md,
/// docs/diagnostics.md): its manifest is <c>flags/prod.json</c> (<c>HackleFlagsManifest</c>), with a decoy
/// <c>hackle.flags.json</c> beside the project; the <c>HackleFlags_*</c> options reshape the generated code; an
/// <c>.editorconfig</c> changes the severity of two HKA rules and a <c>.globalconfig</c> that of an HKF rule. One restore, then incremental builds
/// that change one thing each, so the switches cost five builds of one project:
/// <list type="number">
/// <item>HKA103 and HKF009 as errors, HKA107 off: the build must fail on exactly those.</item>
/// <item>HKA103 off, HKF009 a warning, HKA107 off: builds and runs (the run prints what was generated).</item>
/// <item><c>HackleFlagsCopyToOutput=false</c>, after removing the copied manifest from bin.</item>
/// <item><c>HackleFlagsAutoInclude=false</c>: nothing is generated, so the code using the accessors fails.</item>
/// <item><c>HackleFlagsAutoInclude=false</c> with the manifest added by hand as AdditionalFiles: builds again.</item>
/// </list>
/// </summary>
public sealed class SwitchedConsumer(PackageFeed feed) : IAsyncLifetime
{
    public const string ManifestFile = "flags/prod.json";
    public const string Namespace = "Shop.Flags";

    /// <summary>The experiment's name in flags/prod.json; the decoy beside the project keeps "Checkout".</summary>
    public const string RenamedExperiment = "CheckoutProd";

    /// <summary>The planted statement that HKA103 reports (a local client never disposed).</summary>
    public const string UndisposedClientMarker = "HackleClient.Create(\"e2e-leaked\"";

    /// <summary>The planted call that HKA107 would report (an experiment key the manifest does not have).</summary>
    public const string UnknownKeyMarker = "client.Variation(999, user)";

    /// <summary>Set on the command line for the last build: adds the manifest by hand, as docs/manifest.md describes.</summary>
    public const string AddByHandProperty = "E2EAddManifestByHand";

    internal ConsumerProject Project { get; private set; } = null!;

    internal ProcessResult SeveritiesAsErrors { get; private set; } = null!;

    internal ProcessResult SeveritiesRelaxed { get; private set; } = null!;

    /// <summary>The app's run after <see cref="SeveritiesRelaxed"/>, or null when that build failed.</summary>
    internal ProcessResult? Run { get; private set; }

    /// <summary>Files in bin after <see cref="SeveritiesRelaxed"/> (CopyToOutput at its default).</summary>
    internal string[] OutputWithCopy { get; private set; } = [];

    internal ProcessResult NoCopy { get; private set; } = null!;

    /// <summary>Files in bin after <see cref="NoCopy"/>, which started without the copied manifest.</summary>
    internal string[] OutputWithoutCopy { get; private set; } = [];

    internal ProcessResult NoAutoInclude { get; private set; } = null!;

    internal ProcessResult AddedByHand { get; private set; } = null!;

    public PackageFeed Feed => feed;

    public async Task InitializeAsync()
    {
        Project = new ConsumerProject(feed, "switches", "Microsoft.NET.Sdk", [PackageFeed.MainPackageId], $"""
                <RootNamespace>ShopApp</RootNamespace>
                <HackleFlagsManifest>{ManifestFile}</HackleFlagsManifest>
                <HackleFlags_Namespace>{Namespace}</HackleFlags_Namespace>
                <HackleFlags_Accessibility>public</HackleFlags_Accessibility>
                <HackleFlags_ExperimentsClass>AbTests</HackleFlags_ExperimentsClass>
                <HackleFlags_FeaturesClass>Toggles</HackleFlags_FeaturesClass>
                <HackleFlags_RemoteConfigClass>Settings</HackleFlags_RemoteConfigClass>
                <HackleFlags_FlagKeysClass>Keys</HackleFlags_FlagKeysClass>
                <HackleFlags_EmitArchived>omit</HackleFlags_EmitArchived>
                <HackleFlags_VariantNames>name</HackleFlags_VariantNames>
              </PropertyGroup>
              <ItemGroup Condition="'$({AddByHandProperty})' == 'true'">
                <AdditionalFiles Include="{ManifestFile}" HackleFlagsManifest="true" />
              </ItemGroup>
              <PropertyGroup>
            """);
        var manifest = await File.ReadAllTextAsync(feed.RepoManifestPath);
        const string Name = "\"name\": \"Checkout\",";
        SourcePosition.Of(manifest, Name);   // exactly once
        Project.Write(ManifestFile, manifest.Replace(Name, $"\"name\": \"{RenamedExperiment}\",", StringComparison.Ordinal));
        Project.Write("Program.cs", ProgramSource);

        Project.Write(".editorconfig", EditorConfig(hka103: "error"));
        Project.Write(".globalconfig", GlobalConfig(hkf009: "error"));
        SeveritiesAsErrors = await Project.BuildAsync(restore: true);

        Project.Write(".editorconfig", EditorConfig(hka103: "none"));
        Project.Write(".globalconfig", GlobalConfig(hkf009: "warning"));
        SeveritiesRelaxed = await Project.BuildAsync(restore: false);
        OutputWithCopy = OutputFiles();
        if (SeveritiesRelaxed.Succeeded) Run = await Project.RunAsync("qa-tester-1");

        var copied = Path.Combine(Project.OutputDirectory, "prod.json");
        if (File.Exists(copied)) File.Delete(copied);
        NoCopy = await Project.BuildAsync(restore: false, new Dictionary<string, string> { ["HackleFlagsCopyToOutput"] = "false" });
        OutputWithoutCopy = OutputFiles();

        NoAutoInclude = await Project.BuildAsync(restore: false, new Dictionary<string, string> { ["HackleFlagsAutoInclude"] = "false" });
        AddedByHand = await Project.BuildAsync(restore: false,
            new Dictionary<string, string> { ["HackleFlagsAutoInclude"] = "false", [AddByHandProperty] = "true" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string[] OutputFiles() =>
        Directory.Exists(Project.OutputDirectory)
            ? Directory.EnumerateFiles(Project.OutputDirectory).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray()!
            : [];

    /// <summary>HKA107 is always off here: the planted unknown key would otherwise warn in every build.</summary>
    private static string EditorConfig(string hka103) => $"""
        root = true

        [*.cs]
        dotnet_diagnostic.HKA103.severity = {hka103}
        dotnet_diagnostic.HKA107.severity = none
        """;

    /// <summary>
    /// HKF severities go in a .globalconfig: an HKF diagnostic is located in the manifest, not in a C# file, and the
    /// compiler applies .editorconfig severities only to C# files (dotnet/roslyn#31916). The first run of this test
    /// set HKF009 to error in the .editorconfig's [*] section, and the build reported no HKF009 at all.
    /// </summary>
    private static string GlobalConfig(string hkf009) => $"""
        is_global = true
        dotnet_diagnostic.HKF009.severity = {hkf009}
        """;

    /// <summary>
    /// Uses the renamed experiment through the renamed classes (so it compiles only against flags/prod.json with the
    /// options applied), prints by reflection what was generated, and plants the HKA103 and HKA107 cases.
    /// </summary>
    public const string ProgramSource = """
        using System;
        using System.Linq;
        using System.Reflection;
        using Hackle;
        using Shop.Flags;

        var user = new HackleUser(args.Length > 0 ? args[0] : "anonymous");
        var workspace = HackleWorkspace.Load("flags/prod.json");
        await using var client = HackleClient.Create("e2e-switches", new HackleClientOptions { Offline = true, Workspace = workspace });

        AbTests.CheckoutProd.Variant variant = AbTests.CheckoutProd.VariationDetail(client, user).Variation;
        Console.WriteLine($"decision={variant} newcheckout={Toggles.NewCheckout.Detail(client, user).IsOn} keys-class={typeof(Keys).Name} settings-class={typeof(Settings).Name}");

        var generated = typeof(AbTests).Assembly.GetTypes().Where(t => t.Namespace == "Shop.Flags" && !t.IsNested).OrderBy(t => t.Name, StringComparer.Ordinal);
        Console.WriteLine("generated=" + string.Join(",", generated.Select(t => t.Name + (t.IsPublic ? ":public" : ":internal"))));
        Console.WriteLine("experiments=" + string.Join(",", typeof(AbTests).GetNestedTypes().Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal)));
        Console.WriteLine("features=" + string.Join(",", typeof(Toggles).GetNestedTypes().Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal)));
        Console.WriteLine("variants=" + string.Join(",", Enum.GetNames(typeof(AbTests.CheckoutProd.Variant))));

        // Planted: an experiment key the manifest does not have (HKA107, turned off by .editorconfig).
        Console.WriteLine("unknown=" + client.Variation(999, user));

        // Planted: a local client that is never disposed (HKA103, an error or off by .editorconfig).
        var leaked = HackleClient.Create("e2e-leaked", new HackleClientOptions { Offline = true, Workspace = workspace });
        Console.WriteLine("leaked-ready=" + leaked.IsReady);
        return 0;
        """;
}
