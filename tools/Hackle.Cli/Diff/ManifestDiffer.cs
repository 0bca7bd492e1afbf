namespace Hackle.Cli.Diff;

/// <summary>
/// Compares two manifests for what changes in generated code. Experiments and flags are matched by key,
/// parameters by key, and a parameter whose key changed is recognised by its id.
/// </summary>
internal static class ManifestDiffer
{
    public static IReadOnlyList<ManifestChange> Compare(ManifestSnapshot oldManifest, ManifestSnapshot newManifest, DiffOptions options)
    {
        var changes = new List<ManifestChange>();
        CompareItems(ItemArea.Experiment, oldManifest.Experiments, newManifest.Experiments, options, changes);
        CompareItems(ItemArea.FeatureFlag, oldManifest.FeatureFlags, newManifest.FeatureFlags, options, changes);
        CompareParameters(oldManifest.Parameters, newManifest.Parameters, options, changes);
        return changes;
    }

    private static void CompareItems(ItemArea area, IReadOnlyDictionary<long, FlagItem> before, IReadOnlyDictionary<long, FlagItem> after, DiffOptions options, List<ManifestChange> changes)
    {
        foreach (var key in before.Keys.Union(after.Keys).Order())
        {
            before.TryGetValue(key, out var old);
            after.TryGetValue(key, out var now);
            var keyText = key.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (old is null)
            {
                Add(changes, options, ChangeKind.Added, area, keyText, Display(now!), StatusName(now!.Status));
                continue;
            }
            if (now is null)
            {
                Add(changes, options, ChangeKind.Removed, area, keyText, Display(old), "was " + StatusName(old.Status));
                continue;
            }
            var item = Display(now);
            if (!string.Equals(old.Name, now.Name, StringComparison.Ordinal))
                Add(changes, options, ChangeKind.Renamed, area, keyText, item, Quote(old.Name) + " → " + Quote(now.Name));
            if (old.Status != now.Status)
            {
                var kind = IsArchived(area, now.Status) && !IsArchived(area, old.Status) ? ChangeKind.Archived
                    : IsArchived(area, old.Status) && !IsArchived(area, now.Status) ? ChangeKind.Unarchived
                    : ChangeKind.StatusChanged;
                var detail = StatusName(old.Status) + " → " + StatusName(now.Status);
                if (kind == ChangeKind.Archived && now.WinnerVariationKey != null) detail += ", winner " + now.WinnerVariationKey;
                Add(changes, options, kind, area, keyText, item, detail);
            }
            if (!string.Equals(old.WinnerVariationKey, now.WinnerVariationKey, StringComparison.Ordinal))
                Add(changes, options, ChangeKind.WinnerChanged, area, keyText, item, (old.WinnerVariationKey ?? "none") + " → " + (now.WinnerVariationKey ?? "none"));
            if (!string.Equals(old.Description, now.Description, StringComparison.Ordinal))
                Add(changes, options, ChangeKind.DescriptionChanged, area, keyText, item, "description " + (old.Description is null ? "added" : now.Description is null ? "removed" : "changed"));
            CompareVariations(area, keyText, item, old, now, options, changes);
        }
    }

    private static void CompareVariations(ItemArea area, string keyText, string item, FlagItem old, FlagItem now, DiffOptions options, List<ManifestChange> changes)
    {
        foreach (var key in old.Variations.Keys.Union(now.Variations.Keys).Order(StringComparer.Ordinal))
        {
            old.Variations.TryGetValue(key, out var before);
            now.Variations.TryGetValue(key, out var after);
            if (before is null)
                Add(changes, options, ChangeKind.VariationAdded, area, keyText, item, "variation " + key + " added" + (after!.IsDropped ? " (dropped)" : ""), key);
            else if (after is null)
                Add(changes, options, ChangeKind.VariationRemoved, area, keyText, item, "variation " + key + " removed", key);
            else
            {
                if (!before.IsDropped && after.IsDropped)
                    Add(changes, options, ChangeKind.VariationDropped, area, keyText, item, "variation " + key + " dropped", key);
                else if (before.IsDropped && !after.IsDropped)
                    Add(changes, options, ChangeKind.VariationRestored, area, keyText, item, "variation " + key + " active again", key);
                if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
                    Add(changes, options, ChangeKind.VariationRenamed, area, keyText, item, "variation " + key + ": " + Quote(before.Name) + " → " + Quote(after.Name), key);
            }
        }
    }

    private static void CompareParameters(IReadOnlyDictionary<string, ParameterItem> before, IReadOnlyDictionary<string, ParameterItem> after, DiffOptions options, List<ManifestChange> changes)
    {
        const ItemArea area = ItemArea.RemoteConfig;
        // A removed key and an added key with the same id are one parameter whose key changed.
        var addedById = new Dictionary<long, ParameterItem>();
        foreach (var (key, parameter) in after)
        {
            if (!before.ContainsKey(key) && parameter.Id is long id) addedById.TryAdd(id, parameter);
        }
        var moves = new Dictionary<string, ParameterItem>(StringComparer.Ordinal);
        var moveTargets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, parameter) in before)
        {
            if (!after.ContainsKey(key) && parameter.Id is long id && addedById.TryGetValue(id, out var moved) && moveTargets.Add(moved.Key))
                moves[key] = moved;
        }
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(key, out var old);
            after.TryGetValue(key, out var now);
            if (old is null)
            {
                if (!moveTargets.Contains(key)) Add(changes, options, ChangeKind.Added, area, key, key, now!.WireType);
            }
            else if (now is null)
            {
                if (moves.TryGetValue(key, out var moved))
                {
                    Add(changes, options, ChangeKind.KeyChanged, area, moved.Key, moved.Key, Quote(old.Key) + " → " + Quote(moved.Key));
                    CompareParameter(old, moved, options, changes);
                }
                else
                {
                    Add(changes, options, ChangeKind.Removed, area, key, key, "was " + old.WireType);
                }
            }
            else
            {
                CompareParameter(old, now, options, changes);
            }
        }
    }

    private static void CompareParameter(ParameterItem old, ParameterItem now, DiffOptions options, List<ManifestChange> changes)
    {
        const ItemArea area = ItemArea.RemoteConfig;
        var key = now.Key;
        if (old.Type != now.Type)
            Add(changes, options, ChangeKind.TypeChanged, area, key, key, old.WireType + " → " + now.WireType + " (" + CSharpType(old.Type) + " → " + CSharpType(now.Type) + ")");
        else if (!string.Equals(old.WireType, now.WireType, StringComparison.Ordinal))
            Add(changes, options, ChangeKind.WireTypeChanged, area, key, key, old.WireType + " → " + now.WireType + " (still " + CSharpType(now.Type) + ")");
        if (!string.Equals(old.DefaultValue, now.DefaultValue, StringComparison.Ordinal))
            Add(changes, options, ChangeKind.DefaultValueChanged, area, key, key, (old.DefaultValue ?? "none") + " → " + (now.DefaultValue ?? "none"));
        if (!string.Equals(old.Description, now.Description, StringComparison.Ordinal))
            Add(changes, options, ChangeKind.DescriptionChanged, area, key, key, "description " + (old.Description is null ? "added" : now.Description is null ? "removed" : "changed"));
    }

    /// <summary>Finished items: their accessors are [Obsolete] (or omitted).</summary>
    private static bool IsArchived(ItemArea area, ItemStatus status) =>
        status == ItemStatus.Completed || (area == ItemArea.FeatureFlag && status == ItemStatus.Paused);

    private static void Add(List<ManifestChange> changes, DiffOptions options, ChangeKind kind, ItemArea area, string key, string item, string detail, string? variation = null) =>
        changes.Add(new ManifestChange(kind, area, key, item, detail, ChangeKinds.IsBreaking(kind, options), variation));

    private static string Display(FlagItem item) =>
        item.Name is null ? "key " + item.Key : "'" + item.Name + "' (key " + item.Key + ")";

    private static string Quote(string? text) => text is null ? "(none)" : "'" + text + "'";

    public static string StatusName(ItemStatus status) => status switch
    {
        ItemStatus.Draft => "DRAFT",
        ItemStatus.Running => "RUNNING",
        ItemStatus.Paused => "PAUSED",
        _ => "COMPLETED",
    };

    private static string CSharpType(AccessorType type) => type switch
    {
        AccessorType.Number => "double",
        AccessorType.Boolean => "bool",
        _ => "string",
    };
}
