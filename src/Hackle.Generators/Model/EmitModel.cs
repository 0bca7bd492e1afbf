using Hackle.Generators.Manifest;
using Hackle.Manifest;

namespace Hackle.Generators.Model
{
    /// <summary>
    /// Everything the emitter writes, with every name already resolved to a valid, unique C# identifier.
    /// Holds no locations, so edits that only move text in the manifest do not re-emit.
    /// </summary>
    internal sealed record EmitModel(
        string ManifestFileName,
        GeneratorOptions Options,
        EquatableArray<EmitExperiment> Experiments,
        EquatableArray<EmitFeature> Features,
        EquatableArray<EmitParameter> Parameters);

    /// <summary>An experiment to emit.</summary>
    /// <param name="Key">The experiment key.</param>
    /// <param name="Identifier">The nested class name.</param>
    /// <param name="Name">The dashboard name, or null.</param>
    /// <param name="Description">The description, or null.</param>
    /// <param name="Status">The status.</param>
    /// <param name="ControlKey">The variation returned when none can be decided ("A" when present).</param>
    /// <param name="WinnerKey">The winner of a completed experiment, or null.</param>
    /// <param name="ObsoleteMessage">Set for completed experiments.</param>
    /// <param name="Variants">The enum members, control first.</param>
    internal sealed record EmitExperiment(
        long Key,
        string Identifier,
        string? Name,
        string? Description,
        ItemStatus Status,
        string ControlKey,
        string? WinnerKey,
        string? ObsoleteMessage,
        EquatableArray<EmitVariant> Variants);

    /// <summary>A member of an experiment's Variant enum.</summary>
    /// <param name="Key">The variation key, "A".."J".</param>
    /// <param name="Identifier">The enum member name.</param>
    /// <param name="Name">The variation name, or null.</param>
    /// <param name="IsControl">True for the control.</param>
    /// <param name="ObsoleteMessage">Set for dropped variations.</param>
    internal sealed record EmitVariant(string Key, string Identifier, string? Name, bool IsControl, string? ObsoleteMessage);

    /// <summary>A feature flag to emit.</summary>
    internal sealed record EmitFeature(
        long Key,
        string Identifier,
        string? Name,
        string? Description,
        ItemStatus Status,
        string? ObsoleteMessage);

    /// <summary>A remote-config parameter to emit.</summary>
    /// <param name="Key">The parameter key.</param>
    /// <param name="Identifier">The nested class name.</param>
    /// <param name="WireType">The type as written in the manifest.</param>
    /// <param name="Type">The accessor's value type.</param>
    /// <param name="DefaultValue">The default as text (see <see cref="RemoteConfigModel.DefaultValue"/>).</param>
    /// <param name="Description">The description, or null.</param>
    internal sealed record EmitParameter(
        string Key,
        string Identifier,
        string WireType,
        RemoteConfigType Type,
        string DefaultValue,
        string? Description);
}
