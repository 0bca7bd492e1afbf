using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Hackle.Cli.Diff;

/// <summary>A line of the project's source that decides a finished item.</summary>
internal sealed record CallSite(string File, int Line);

/// <summary>A finished item (completed experiment, paused or completed flag) with the places the source still decides it.</summary>
internal sealed record FinishedItemUse(ItemArea Area, long Key, string Item, string Status, IReadOnlyList<CallSite> Sites);

/// <summary>
/// Finds the finished items of a manifest that still have call sites in a project's source, by a fast syntactic scan
/// of its .cs files (no build): the typed accessors under their default generated names
/// (<c>Experiments.Checkout</c>, <c>Features.NewCheckout</c>, or the <c>Name_key</c> form the generator uses when two
/// names collide) and the raw API with the item's numeric key (<c>Variation(42, …)</c>, <c>IsFeatureOn(7, …)</c> and
/// their Detail forms). Line comments are skipped; everything else that matches counts, so a match inside a string is
/// reported too. Names pinned with [HackleFlagName], renamed generated classes and keys held in constants are not
/// seen: this is a reminder, and HKA110 in the build is the exact list.
/// </summary>
internal static class FinishedCallSites
{
    /// <summary>Files larger than this are not source anyone wrote by hand; they are skipped.</summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>At most this many files are read, so a wrong directory (a home folder) ends quickly.</summary>
    public const int MaxFiles = 50_000;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly string[] SkippedDirectories = ["bin", "obj", ".git", ".vs", "node_modules"];

    public static IReadOnlyList<FinishedItemUse> Find(ManifestSnapshot manifest, string sourceDirectory)
    {
        var items = new List<(ItemArea Area, FlagItem Item, Regex Pattern)>();
        foreach (var experiment in manifest.Experiments.Values)
        {
            if (experiment.Status == ItemStatus.Completed) items.Add((ItemArea.Experiment, experiment, Pattern("Experiments", "Experiment", experiment, "Variation|VariationDetail")));
        }
        foreach (var flag in manifest.FeatureFlags.Values)
        {
            if (flag.Status is ItemStatus.Paused or ItemStatus.Completed) items.Add((ItemArea.FeatureFlag, flag, Pattern("Features", "Feature", flag, "IsFeatureOn|FeatureFlagDetail")));
        }
        if (items.Count == 0) return [];

        var sites = items.Select(_ => new List<CallSite>()).ToList();
        foreach (var file in SourceFiles(sourceDirectory))
        {
            string[] lines;
            try
            {
                if (new FileInfo(file).Length > MaxFileBytes) continue;
                lines = File.ReadAllLines(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var relative = Path.GetRelativePath(sourceDirectory, file).Replace('\\', '/');
            for (var number = 0; number < lines.Length; number++)
            {
                var code = WithoutLineComment(lines[number]);
                if (code.Length == 0) continue;
                for (var i = 0; i < items.Count; i++)
                {
                    bool found;
                    try
                    {
                        found = items[i].Pattern.IsMatch(code);
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        found = false;
                    }
                    if (found) sites[i].Add(new CallSite(relative, number + 1));
                }
            }
        }

        var result = new List<FinishedItemUse>();
        for (var i = 0; i < items.Count; i++)
        {
            if (sites[i].Count == 0) continue;
            var (area, item, _) = items[i];
            result.Add(new FinishedItemUse(area, item.Key, Display(item), Status(area, item), sites[i]));
        }
        return result;
    }

    /// <summary>The .cs files under <paramref name="directory"/>, build output and tool folders left out, in a stable order.</summary>
    private static IEnumerable<string> SourceFiles(string directory)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        var count = 0;
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] files, directories;
            try
            {
                files = Directory.GetFiles(current, "*.cs");
                directories = Directory.GetDirectories(current);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (++count > MaxFiles) yield break;
                yield return file;
            }
            Array.Sort(directories, StringComparer.Ordinal);
            for (var i = directories.Length - 1; i >= 0; i--)
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(directories[i]), StringComparer.OrdinalIgnoreCase)) pending.Push(directories[i]);
            }
        }
    }

    private static Regex Pattern(string className, string fallbackPrefix, FlagItem item, string rawMethods)
    {
        var key = item.Key.ToString(CultureInfo.InvariantCulture);
        var suffix = item.Key < 0 ? "m" + key.Substring(1) : key;
        var name = item.Name is { Length: > 0 } ? Identifier(item.Name) : null;
        var typed = name is null ? Regex.Escape(fallbackPrefix + suffix) : Regex.Escape(name) + "(?:_" + Regex.Escape(suffix) + ")?";
        var raw = @"\b(?:" + rawMethods + @")\s*\(\s*" + Regex.Escape(key) + @"L?\s*[,)]";
        return new Regex(@"\b" + className + @"\s*\.\s*" + typed + @"\b|" + raw, RegexOptions.CultureInvariant, MatchTimeout);
    }

    /// <summary>
    /// The identifier the generator derives from a dashboard name: words split at separators and characters an
    /// identifier cannot hold, and where letters follow digits, each word's first letter upper-cased, the rest as written.
    /// </summary>
    internal static string Identifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        var startWord = true;
        var previousWasDigit = false;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startWord = true;
                previousWasDigit = false;
                continue;
            }
            var isDigit = char.IsDigit(c);
            if (previousWasDigit && !isDigit) startWord = true;
            builder.Append(startWord ? char.ToUpperInvariant(c) : c);
            startWord = false;
            previousWasDigit = isDigit;
        }
        if (builder.Length > 0 && char.IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    private static string WithoutLineComment(string line)
    {
        var trimmed = line.TrimStart();
        return trimmed.StartsWith("//", StringComparison.Ordinal) ? "" : line;
    }

    private static string Display(FlagItem item) => item.Name is null ? "key " + item.Key : "'" + item.Name + "' (key " + item.Key + ")";

    private static string Status(ItemArea area, FlagItem item) =>
        item.Status == ItemStatus.Paused ? "PAUSED"
        : item.WinnerVariationKey != null ? "COMPLETED with winner " + item.WinnerVariationKey
        : "COMPLETED without a winner";
}
