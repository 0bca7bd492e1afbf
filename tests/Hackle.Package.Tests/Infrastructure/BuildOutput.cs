namespace Hackle.Package.Tests.Infrastructure;

/// <summary>Reads the "file(line,col): warning|error ID: message" lines of a console-logger build.</summary>
internal static class BuildOutput
{
    /// <summary>Lines reporting a diagnostic whose id starts with <paramref name="idPrefix"/> (each may appear twice: inline and in the summary).</summary>
    public static string[] Diagnostics(ProcessResult build, string idPrefix) =>
        Lines(build).Where(l => l.Contains(": warning " + idPrefix, StringComparison.Ordinal) || l.Contains(": error " + idPrefix, StringComparison.Ordinal))
            .ToArray();

    /// <summary>Lines reporting an error of any id.</summary>
    public static string[] Errors(ProcessResult build) =>
        Lines(build).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();

    private static IEnumerable<string> Lines(ProcessResult build) => build.Output.Split('\n').Select(l => l.Trim());
}
