using Hackle.Generators.Manifest;

namespace Hackle.Generators.Model
{
    /// <summary>
    /// The outcome of resolving names for a manifest. The model and the diagnostics are split into
    /// separate pipeline steps, so that a change that only moves diagnostics (such as whitespace in the
    /// manifest) leaves the generated source cached.
    /// </summary>
    /// <param name="Model">What to emit, or null when there is nothing to generate.</param>
    /// <param name="Diagnostics">Naming, option and manifest-selection diagnostics.</param>
    internal sealed record BuildResult(EmitModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
