namespace Hackle.Generators.Manifest
{
    /// <summary>The value types of remote-config parameters that have a typed accessor.</summary>
    internal enum RemoteConfigType
    {
        /// <summary>STRING (and JSON, whose values are JSON text in a string).</summary>
        String,
        /// <summary>NUMBER, read as a double like every SDK does.</summary>
        Number,
        /// <summary>BOOLEAN.</summary>
        Boolean,
    }

    /// <summary>A remote-config parameter of the manifest (an entry of <c>remoteConfigParameters</c>).</summary>
    /// <param name="Key">The parameter key used by the SDK.</param>
    /// <param name="WireType">The type as written in the manifest (STRING, NUMBER, BOOLEAN or JSON).</param>
    /// <param name="Type">The accessor's value type.</param>
    /// <param name="DefaultValue">
    /// The default as text: the string itself, the JSON number text (a valid C# real literal without
    /// suffix), or "true"/"false". When the manifest's default is missing or of another type this is the
    /// type's empty value and an <see cref="ManifestProblem.InvalidDefaultValue"/> is reported.
    /// </param>
    /// <param name="Description">The optional description.</param>
    /// <param name="Location">The <c>key</c> value.</param>
    /// <param name="HasTargetRules">False when <c>targetRules</c> is empty or missing: every user then gets the default value.</param>
    internal sealed record RemoteConfigModel(
        string Key,
        string WireType,
        RemoteConfigType Type,
        string DefaultValue,
        string? Description,
        LocationInfo Location,
        bool HasTargetRules = true);
}
