namespace Hackle.Cli.Diff;

/// <summary>The kinds of change that matter to generated code. <see cref="ChangeKinds.IsBreaking"/> says which break it.</summary>
internal enum ChangeKind
{
    /// <summary>An experiment, flag or parameter is new: a new accessor.</summary>
    Added,
    /// <summary>It is gone: its accessor disappears and its call sites stop compiling.</summary>
    Removed,
    /// <summary>Its dashboard name changed, so the accessor's name changes (unless pinned by [HackleFlagName]).</summary>
    Renamed,
    /// <summary>A parameter kept its id under a new key: the accessor and its key constant change.</summary>
    KeyChanged,
    /// <summary>It finished: a completed experiment, a paused or completed flag. The accessor becomes [Obsolete], or disappears with HackleFlags_EmitArchived=omit.</summary>
    Archived,
    /// <summary>It came back from finished to draft or running.</summary>
    Unarchived,
    /// <summary>Another status change that keeps the accessor as it is (draft to running, running to paused for an experiment).</summary>
    StatusChanged,
    /// <summary>The winner variation was set, changed or cleared: the [Obsolete] message changes.</summary>
    WinnerChanged,
    /// <summary>The description changed: only XML docs change.</summary>
    DescriptionChanged,
    /// <summary>An experiment has a new variation: a new enum member.</summary>
    VariationAdded,
    /// <summary>A variation is gone: its enum member disappears.</summary>
    VariationRemoved,
    /// <summary>A variation was dropped: its enum member becomes [Obsolete].</summary>
    VariationDropped,
    /// <summary>A dropped variation is active again.</summary>
    VariationRestored,
    /// <summary>A variation's name changed (matters only with HackleFlags_VariantNames=name).</summary>
    VariationRenamed,
    /// <summary>A parameter's accessor type changed (string, double, bool): callers' types no longer match.</summary>
    TypeChanged,
    /// <summary>A parameter's wire type changed but its accessor type did not (STRING and JSON are both strings).</summary>
    WireTypeChanged,
    /// <summary>A parameter's default value changed: the DefaultValue constant changes.</summary>
    DefaultValueChanged,
}

/// <summary>What a project's generator settings change about which kinds break the build.</summary>
/// <param name="OmitArchived">HackleFlags_EmitArchived=omit: finished items are left out, so archiving removes them.</param>
/// <param name="VariantNamesFromNames">HackleFlags_VariantNames=name: enum members come from variation names.</param>
internal sealed record DiffOptions(bool OmitArchived = false, bool VariantNamesFromNames = false)
{
    public static readonly DiffOptions Default = new();
}

/// <summary>The table of change kinds to breaking or not; docs/tool.md shows the same table.</summary>
internal static class ChangeKinds
{
    /// <summary>
    /// True when the change makes generated code disappear or change type, so that code using it may no
    /// longer compile. [Obsolete] alone is not breaking: it warns, and says what to keep.
    /// </summary>
    public static bool IsBreaking(ChangeKind kind, DiffOptions options) => kind switch
    {
        ChangeKind.Removed => true,
        ChangeKind.Renamed => true,
        ChangeKind.KeyChanged => true,
        ChangeKind.VariationRemoved => true,
        ChangeKind.TypeChanged => true,
        ChangeKind.Archived => options.OmitArchived,
        ChangeKind.VariationRenamed => options.VariantNamesFromNames,
        _ => false,
    };

    /// <summary>The name used in tables and JSON: "variation-removed".</summary>
    public static string ToDisplayName(this ChangeKind kind)
    {
        var name = kind.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) builder.Append('-');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
