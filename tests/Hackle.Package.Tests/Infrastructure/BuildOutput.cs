namespace Hackle.Package.Tests.Infrastructure;

/// <summary>Reads the "file(line,col): warning|error ID: message" lines of a console-logger build.</summary>
internal static class BuildOutput
{
    /// <summary>Lines reporting a diagnostic whose id starts with <paramref name="idPrefix"/> (each may appear twice: inline and in the summary).</summary>
    public static string[] Diagnostics(ProcessResult build, string idPrefix) =>
        Lines(build).Where(l => l.Contains(": warning " + idPrefix, StringComparison.Ordinal) || l.Contains(": error " + idPrefix, StringComparison.Ordinal))
            .ToArray();

    /// <summary>
    /// Asserts that the build reports the client-analyzer warning <paramref name="id"/> at
    /// <paramref name="file"/>(line,col) and no HKA diagnostic anywhere else; returns the reported line.
    /// </summary>
    public static string AssertOnlyClientWarningAt(ProcessResult build, string id, string file, SourcePosition position)
    {
        var expected = $"{file}{position}: warning {id}:";
        var reported = Diagnostics(build, "HKA");
        Assert.True(reported.Length > 0 && reported.All(l => l.StartsWith(expected, StringComparison.Ordinal)),
            $"expected {id} at '{expected}' and no other HKA diagnostic\n{build}");
        return reported[0];
    }

    /// <summary>Lines reporting an error of any id.</summary>
    public static string[] Errors(ProcessResult build) =>
        Lines(build).Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToArray();

    private static IEnumerable<string> Lines(ProcessResult build) => build.Output.Split('\n').Select(l => l.Trim());
}
