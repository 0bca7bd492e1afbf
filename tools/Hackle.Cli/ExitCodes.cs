namespace Hackle.Cli;

/// <summary>
/// The exit codes of every command (documented in docs/tool.md). Each failure has its own code so that
/// a script can tell a refused key from an unreachable host without parsing messages.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;
    /// <summary><c>--fail-on</c> matched: breaking changes (or any change, with <c>any</c>) were found.</summary>
    public const int ChangesFound = 1;
    /// <summary>The command line is wrong: unknown option, missing argument or key, bad value.</summary>
    public const int Usage = 2;
    /// <summary>An input file is missing, unreadable, not JSON or not a workspace config.</summary>
    public const int InvalidInput = 3;
    /// <summary>The server refused the SDK key (401 or 403).</summary>
    public const int KeyRefused = 4;
    /// <summary>The server has no config at that address (404).</summary>
    public const int NotFound = 5;
    /// <summary>The server answered with an error (5xx) or another unexpected status.</summary>
    public const int ServerError = 6;
    /// <summary>The host could not be reached (DNS, refused connection, TLS).</summary>
    public const int Unreachable = 7;
    /// <summary>No complete answer within the timeout.</summary>
    public const int Timeout = 8;
    /// <summary>The server answered 200 with something that is not a workspace config (or too large).</summary>
    public const int InvalidResponse = 9;
    /// <summary>A file could not be written, or the server could not listen on its address.</summary>
    public const int IoError = 10;
}
