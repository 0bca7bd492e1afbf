using System.CommandLine;
using Hackle.Cli.Diff;
using Hackle.Cli.Pull;

namespace Hackle.Cli.Commands;

/// <summary><c>hackle pull</c>: downloads the workspace config with an SDK key and writes hackle.flags.json canonically.</summary>
internal static class PullCommand
{
    public const string SdkKeyVariable = "HACKLE_SDK_KEY";
    public const string SdkUrlVariable = "HACKLE_SDK_URL";

    public static Command Create(ToolConsole console)
    {
        var sdkKey = SdkKeyOption();
        var sdkUrl = SdkUrlOption();
        var output = new Option<string>("--output", "-o") { Description = "Where to write the config.", DefaultValueFactory = _ => "hackle.flags.json" };
        var stripOverrides = new Option<bool>("--strip-overrides") { Description = "Empty every experiment's and flag's userOverrides: they hold real user ids. Typed accessors and offline evaluation work without them." };
        var timeout = TimeoutOption();
        var failOn = CommonOptions.FailOn();
        failOn.Description = "Do not overwrite, and exit with code 1, when the new config has breaking changes ('breaking') or any change ('any').";
        var json = CommonOptions.Json();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Say what is requested (the key masked) and what came back, on standard error." };
        var archived = CommonOptions.Archived();
        var variantNames = CommonOptions.VariantNames();
        var command = new Command("pull",
            "Download the workspace config with your server SDK key (GET {sdk-url}/api/v2/workspaces/{key}/config, as the SDK does) " +
            "and write it deterministically: sorted keys, two-space indent, LF. Before overwriting it shows what changes for the code.")
        {
            sdkKey, sdkUrl, output, stripOverrides, timeout, failOn, json, verbose, archived, variantNames,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryReadConnection(console, parseResult, sdkKey, sdkUrl, timeout, out var connection)) return ExitCodes.Usage;
            var request = new PullRequest(
                connection,
                console.ResolvePath(parseResult.GetValue(output)!),
                parseResult.GetValue(output)!,
                parseResult.GetValue(stripOverrides),
                FailOnRules.Parse(parseResult.GetValue(failOn)),
                CommonOptions.ReadDiffOptions(parseResult, archived, variantNames),
                parseResult.GetValue(json),
                parseResult.GetValue(verbose));
            return await Puller.RunAsync(console, request, cancellationToken);
        });
        return command;
    }

    public static Option<string?> SdkKeyOption() => new("--sdk-key")
    {
        Description = $"The server SDK key (Hackle dashboard: SDK integration). Default: ${SdkKeyVariable}. Prefer the variable: arguments are visible to other processes.",
    };

    public static Option<string?> SdkUrlOption() => new("--sdk-url")
    {
        Description = $"The SDK server's base URL. Default: ${SdkUrlVariable}, else https://sdk.hackle.io. Use http://127.0.0.1:PORT for 'hackle serve'.",
    };

    public static Option<double> TimeoutOption() => new("--timeout")
    {
        Description = "Seconds to wait for the whole answer.",
        DefaultValueFactory = _ => 30,
    };

    /// <summary>Reads key, URL and timeout from options and environment; writes the problem and returns false when one is missing or wrong.</summary>
    public static bool TryReadConnection(ToolConsole console, ParseResult parseResult, Option<string?> sdkKey, Option<string?> sdkUrl, Option<double> timeout, out PullConnection connection)
    {
        connection = null!;
        var key = parseResult.GetValue(sdkKey);
        if (string.IsNullOrEmpty(key)) key = console.Environment(SdkKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            console.Error.WriteLine($"error: no SDK key. Set {SdkKeyVariable} or pass --sdk-key: the server SDK key from the Hackle dashboard (SDK integration).");
            return false;
        }
        if (!HackleClient.IsValidSdkKey(key))
        {
            // The key itself is never printed: it may be a real key with a stray character.
            console.Error.WriteLine("error: the SDK key cannot be sent in a request: it is too long or has spaces, line breaks or non-ASCII characters. Copy it again from the dashboard.");
            return false;
        }
        var urlText = parseResult.GetValue(sdkUrl);
        if (string.IsNullOrEmpty(urlText)) urlText = console.Environment(SdkUrlVariable);
        var url = HackleClientOptions.DefaultSdkUrl;
        if (!string.IsNullOrEmpty(urlText)
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url!) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            console.Error.WriteLine($"error: the SDK URL '{urlText.Replace(key, "***", StringComparison.Ordinal)}' is not an absolute http:// or https:// URL.");
            return false;
        }
        var seconds = parseResult.GetValue(timeout);
        if (!(seconds > 0) || seconds > 3600)
        {
            console.Error.WriteLine("error: --timeout must be between 0 and 3600 seconds.");
            return false;
        }
        connection = new PullConnection(key, url, TimeSpan.FromSeconds(seconds));
        return true;
    }
}
