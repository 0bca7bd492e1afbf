using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace Hackle.Cli.Diff;

/// <summary>Shows a list of changes: a table and a one-line summary for people, JSON for scripts.</summary>
internal static class DiffReport
{
    /// <summary>
    /// One line for people, grouped by kind: "2 experiments added, 1 variation removed from 'Checkout'
    /// (key 42) (breaking)". Empty when nothing changed.
    /// </summary>
    public static string Summary(IReadOnlyList<ManifestChange> changes)
    {
        var parts = new List<string>();
        foreach (var group in changes.GroupBy(c => (c.Kind, c.Area, IsVariation(c.Kind) ? c.Item : null)))
        {
            var (kind, area, item) = group.Key;
            var count = group.Count();
            var noun = IsVariation(kind) ? "variation" : Noun(area);
            var text = count + " " + (count == 1 ? noun : Plural(noun)) + " " + Verb(kind);
            if (item != null) text += (kind == ChangeKind.VariationAdded ? " to " : " in ") + item;
            if (group.Any(c => c.IsBreaking)) text += " (breaking)";
            parts.Add(text);
        }
        return string.Join(", ", parts);
    }

    /// <summary>Writes the table and the summary, or that nothing changed.</summary>
    public static void WriteTable(ToolConsole console, IReadOnlyList<ManifestChange> changes)
    {
        if (changes.Count == 0)
        {
            console.Out.WriteLine("No changes for the code.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Change").NoWrap()).AddColumn("Item").AddColumn("Detail").AddColumn(new TableColumn("Breaking").NoWrap());
        foreach (var change in changes)
        {
            table.AddRow(
                Markup.Escape(change.Kind.ToDisplayName()),
                Markup.Escape(AreaName(change.Area) + " " + change.Item),
                Markup.Escape(change.Detail),
                change.IsBreaking ? "[red]yes[/]" : "no");
        }
        console.Ansi.Write(table);
        // Plain text, so that the line is not wrapped at the table's width.
        console.Out.WriteLine(Summary(changes));
    }

    /// <summary>The changes as a JSON object: <c>{ "breaking": bool, "summary": "...", "changes": [...] }</c>.</summary>
    public static string ToJson(IReadOnlyList<ManifestChange> changes, Action<Utf8JsonWriter>? extra = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            extra?.Invoke(writer);
            writer.WriteBoolean("breaking", changes.Any(c => c.IsBreaking));
            writer.WriteNumber("changeCount", changes.Count);
            writer.WriteString("summary", Summary(changes));
            writer.WriteStartArray("changes");
            foreach (var change in changes)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", change.Kind.ToDisplayName());
                writer.WriteString("area", AreaJsonName(change.Area));
                writer.WriteString("key", change.Key);
                writer.WriteString("item", change.Item);
                if (change.Variation != null) writer.WriteString("variation", change.Variation);
                writer.WriteString("detail", change.Detail);
                writer.WriteBoolean("breaking", change.IsBreaking);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The finished items that the source still decides, each with its call sites, and the command that cleans them up.</summary>
    public static void WriteFinished(ToolConsole console, IReadOnlyList<FinishedItemUse> finished)
    {
        if (finished.Count == 0)
        {
            console.Out.WriteLine("No finished item has call sites in the source.");
            return;
        }
        console.Out.WriteLine("Finished items still decided in the source:");
        foreach (var use in finished)
        {
            console.Out.WriteLine("  " + AreaName(use.Area) + " " + use.Item + " is " + use.Status + ": " +
                                  string.Join(", ", use.Sites.Select(s => s.File + ":" + s.Line)));
        }
        console.Out.WriteLine("Clean them up with: dotnet format analyzers --diagnostics HKA110 --severity info (see docs/cleanup.md).");
    }

    /// <summary><c>"finishedCallSites": [{ "area", "key", "item", "status", "sites": [{ "file", "line" }] }]</c>.</summary>
    public static void WriteFinishedJson(Utf8JsonWriter writer, IReadOnlyList<FinishedItemUse> finished)
    {
        writer.WriteStartArray("finishedCallSites");
        foreach (var use in finished)
        {
            writer.WriteStartObject();
            writer.WriteString("area", AreaJsonName(use.Area));
            writer.WriteNumber("key", use.Key);
            writer.WriteString("item", use.Item);
            writer.WriteString("status", use.Status);
            writer.WriteStartArray("sites");
            foreach (var site in use.Sites)
            {
                writer.WriteStartObject();
                writer.WriteString("file", site.File);
                writer.WriteNumber("line", site.Line);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static bool IsVariation(ChangeKind kind) => kind is ChangeKind.VariationAdded or ChangeKind.VariationRemoved
        or ChangeKind.VariationDropped or ChangeKind.VariationRestored or ChangeKind.VariationRenamed;

    private static string Noun(ItemArea area) => area switch
    {
        ItemArea.Experiment => "experiment",
        ItemArea.FeatureFlag => "feature flag",
        _ => "remote-config parameter",
    };

    private static string Plural(string noun) => noun + "s";

    private static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Added or ChangeKind.VariationAdded => "added",
        ChangeKind.Removed or ChangeKind.VariationRemoved => "removed",
        ChangeKind.Renamed or ChangeKind.VariationRenamed => "renamed",
        ChangeKind.KeyChanged => "with a new key",
        ChangeKind.Archived => "archived",
        ChangeKind.Unarchived => "unarchived",
        ChangeKind.StatusChanged => "with a new status",
        ChangeKind.WinnerChanged => "with a new winner",
        ChangeKind.DescriptionChanged => "with a new description",
        ChangeKind.VariationDropped => "dropped",
        ChangeKind.VariationRestored => "restored",
        ChangeKind.TypeChanged => "with a new type",
        ChangeKind.WireTypeChanged => "with a new wire type",
        _ => "with a new default value",
    };

    private static string AreaName(ItemArea area) => area switch
    {
        ItemArea.Experiment => "experiment",
        ItemArea.FeatureFlag => "flag",
        _ => "parameter",
    };

    private static string AreaJsonName(ItemArea area) => area switch
    {
        ItemArea.Experiment => "experiment",
        ItemArea.FeatureFlag => "featureFlag",
        _ => "remoteConfig",
    };
}
