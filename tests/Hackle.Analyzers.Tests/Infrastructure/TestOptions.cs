namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>What a test compilation contains besides the code under test.</summary>
internal sealed record TestOptions
{
    public static TestOptions Default { get; } = new();

    /// <summary>Reference Hackle.Runtime (off: the analyzers must stay silent).</summary>
    public bool Runtime { get; init; } = true;

    /// <summary>
    /// Reference the real ASP.NET Core 8 reference pack, Hackle.Extensions.Hosting, Grpc.Core.Api with a
    /// generated Greeter service, and the Functions attributes (off: only the .NET 8 pack and the
    /// Microsoft.Extensions abstractions the runtime needs).
    /// </summary>
    public bool Web { get; init; } = true;

    /// <summary>Text of a hackle.flags.json AdditionalFile, if any.</summary>
    public string? Manifest { get; init; }

    /// <summary>MSBuild properties visible to the analyzers (build_property.&lt;name&gt; in a global config).</summary>
    public IReadOnlyDictionary<string, string> BuildProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra sources compiled with the test code (e.g. what the generator would emit).</summary>
    public IReadOnlyList<(string Name, string Text)> ExtraSources { get; init; } = Array.Empty<(string, string)>();

    /// <summary>
    /// Compile the generated extra sources (<c>*.g.cs</c>) into a referenced assembly, as HackleFlags_AccessorAssembly
    /// does (internal types, InternalsVisibleTo the test project), instead of adding them as sources.
    /// </summary>
    public bool AccessorsInMetadata { get; init; }
}
