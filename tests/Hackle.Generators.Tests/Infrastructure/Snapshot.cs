using System.Text.RegularExpressions;

namespace Hackle.Generators.Tests.Infrastructure;

/// <summary>
/// Golden-file comparison. Expected files live in Snapshots/&lt;case&gt;/&lt;hint name&gt;; run the tests with
/// UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.
/// </summary>
internal static partial class Snapshot
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    /// <summary>Replaces the generator version so snapshots survive version bumps (as NetEscapades does).</summary>
    public static string Scrub(string text) => VersionPattern().Replace(text, "GeneratedCode(\"Hackle.Generators\", \"VERSION\")");

    /// <summary>Compares every generated file (and the set of file names) with the snapshot folder.</summary>
    public static void Match(string caseName, IEnumerable<(string HintName, string Text)> files)
    {
        var folder = RepoPaths.SnapshotFolder(caseName);
        var actual = files.ToDictionary(f => f.HintName, f => Scrub(f.Text));
        if (Updating)
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in actual) File.WriteAllText(Path.Combine(folder, name), text);
            return;
        }

        Xunit.Assert.True(Directory.Exists(folder), "missing snapshot folder " + folder + " (run with UPDATE_SNAPSHOTS=1)");
        var expectedNames = Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Xunit.Assert.Equal(expectedNames, actual.Keys.OrderBy(n => n, StringComparer.Ordinal).ToArray());
        foreach (var (name, text) in actual)
        {
            var expected = File.ReadAllText(Path.Combine(folder, name)).ReplaceLineEndings("\n");
            Xunit.Assert.Equal(expected, text);
        }
    }

    [GeneratedRegex("GeneratedCode\\(\"Hackle\\.Generators\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
