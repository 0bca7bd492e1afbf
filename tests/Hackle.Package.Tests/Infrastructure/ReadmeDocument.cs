using System.Text.RegularExpressions;

namespace Hackle.Package.Tests.Infrastructure;

/// <summary>A fenced code block of README.md: its language, text, first code line (1-based), section and marker.</summary>
/// <param name="Marker">The `&lt;!-- snippet: ... --&gt;` text on the last non-blank line before the fence, or null.</param>
internal sealed record ReadmeBlock(string Language, string Code, int FirstCodeLine, string Section, string? Marker)
{
    /// <summary>The block's non-blank lines with `# comments` removed, for shell blocks.</summary>
    public IEnumerable<string> CommandLines =>
        Code.Split('\n').Select(l => (l.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0 ? l[..hash] : l).Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
}

/// <summary>Reads README.md the way the tests that keep it honest need: its fenced blocks, in order.</summary>
internal static partial class ReadmeDocument
{
    public static string PathIn(string repoRoot) => Path.Combine(repoRoot, "README.md");

    public static IReadOnlyList<ReadmeBlock> Blocks(string readme)
    {
        var lines = readme.Replace("\r\n", "\n").Split('\n');
        var blocks = new List<ReadmeBlock>();
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal)) section = lines[i][3..].Trim();
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;

            var language = lines[i][3..].Trim();
            var marker = MarkerBefore(lines, i);
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].StartsWith("```", StringComparison.Ordinal)) end++;
            if (end == lines.Length) throw new InvalidOperationException($"README.md line {i + 1}: a code fence is never closed.");
            blocks.Add(new ReadmeBlock(language, string.Join('\n', lines[start..end]), start + 1, section, marker));
            i = end;
        }
        return blocks;
    }

    /// <summary>Splits a command line of a shell block into arguments (README's commands use no quotes).</summary>
    public static string[] Arguments(string commandLine)
    {
        if (commandLine.IndexOfAny(['"', '\'', '`', '$', '|', '&', ';']) >= 0)
            throw new InvalidOperationException("README command lines must be plain words to be run by the tests: " + commandLine);
        return commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string? MarkerBefore(string[] lines, int fence)
    {
        for (var j = fence - 1; j >= 0; j--)
        {
            if (lines[j].Trim().Length == 0) continue;
            return SnippetMarker().Match(lines[j]) is { Success: true } m ? m.Groups[1].Value.Trim() : null;
        }
        return null;
    }

    [GeneratedRegex(@"^\s*<!--\s*snippet:(.*?)-->\s*$")]
    private static partial Regex SnippetMarker();
}
