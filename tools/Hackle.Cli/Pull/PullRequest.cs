using Hackle.Cli.Diff;

namespace Hackle.Cli.Pull;

/// <summary>Where to download the config from.</summary>
internal sealed record PullConnection(string SdkKey, Uri SdkUrl, TimeSpan Timeout)
{
    /// <summary>Never shows the key, even in a debugger or a log of records.</summary>
    public override string ToString() => $"PullConnection {{ SdkUrl = {SdkUrl}, Timeout = {Timeout} }}";
}

/// <summary>Everything one pull needs.</summary>
internal sealed record PullRequest(
    PullConnection Connection,
    string OutputPath,
    string OutputDisplay,
    bool StripOverrides,
    FailOn FailOn,
    DiffOptions DiffOptions,
    bool Json,
    bool Verbose);
