using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references every test compilation gets. The .NET 8 reference pack is restored by the project's
/// PackageDownload, so resolving it reads the global packages folder and never the network. The framework
/// stubs are compiled once into a real assembly, so the analyzers meet them as metadata, as they would
/// meet ASP.NET Core in a user's project.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies Framework { get; } = ReferenceAssemblies.Net.Net80;

    /// <summary>Hackle.Runtime and what its public API mentions.</summary>
    public static ImmutableArray<MetadataReference> Runtime { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Hackle.HackleClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location));

    public static MetadataReference DependencyInjection { get; } =
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location);

    private static readonly Lazy<Task<MetadataReference>> s_webStubs = new(() => CompileAsync(
        "Hackle.Tests.FrameworkStubs", Stubs.AspNetCore, Stubs.Grpc, Stubs.Functions, Stubs.Hosting));

    /// <summary>ASP.NET Core, SignalR, gRPC and Functions look-alikes plus the hosting package's AddHackle.</summary>
    public static Task<MetadataReference> WebStubsAsync() => s_webStubs.Value;

    /// <summary>Compiles <paramref name="sources"/> against the test framework and the runtime into an in-memory assembly.</summary>
    public static async Task<MetadataReference> CompileAsync(string assemblyName, params string[] sources)
    {
        var framework = await Framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            framework.AddRange(Runtime).Add(DependencyInjection),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("Stub compilation failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
