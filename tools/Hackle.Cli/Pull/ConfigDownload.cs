namespace Hackle.Cli.Pull;

/// <summary>The outcome of one config download: the body, or a failure with its exit code and message.</summary>
internal sealed record ConfigDownload(byte[]? Body, int ExitCode, string Message, TimeSpan Elapsed)
{
    public bool Succeeded => Body != null;

    public static ConfigDownload Success(byte[] body, TimeSpan elapsed) =>
        new(body, ExitCodes.Success, body.Length + " bytes", elapsed);

    public static ConfigDownload Failure(int exitCode, string message, TimeSpan elapsed) =>
        new(null, exitCode, message, elapsed);
}
