using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references every test compilation gets. The .NET 8 and ASP.NET Core 8 reference packs are restored
/// by the project's PackageDownload items, so resolving them reads the global packages folder and never
/// the network. Everything a test's code calls is the real API: ASP.NET Core (MVC, Razor Pages, SignalR,
/// minimal APIs), gRPC's server API, Hackle.Runtime and Hackle.Extensions.Hosting. Only Azure Functions'
/// two attributes are look-alikes (<see cref="Stubs.Functions"/>), compiled into an assembly so that the
/// analyzers meet them as metadata.
/// </summary>
internal static class TestReferences
{
    public static ReferenceAssemblies Framework { get; } = ReferenceAssemblies.Net.Net80;

    /// <summary>The global packages folder the test project was restored from.</summary>
    public static string PackageRoot { get; } = typeof(TestReferences).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;

    /// <summary>Hackle.Runtime.</summary>
    public static MetadataReference Runtime { get; } = MetadataReference.CreateFromFile(typeof(Hackle.HackleClient).Assembly.Location);

    /// <summary>What the runtime's public API mentions, for compilations without the ASP.NET Core pack (which has them).</summary>
    public static ImmutableArray<MetadataReference> Extensions { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location));

    /// <summary>The ASP.NET Core 8 reference pack (it includes the Microsoft.Extensions.* abstractions).</summary>
    public static ImmutableArray<MetadataReference> AspNetCore { get; } = Directory
        .GetFiles(Path.Combine(PackageRoot, "microsoft.aspnetcore.app.ref", "8.0.0", "ref", "net8.0"), "*.dll")
        .OrderBy(p => p, StringComparer.Ordinal)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    /// <summary>The real hosting package (AddHackle) and gRPC's server API (BindServiceMethodAttribute, ServerCallContext).</summary>
    public static ImmutableArray<MetadataReference> HostingAndGrpc { get; } = ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.HackleServiceCollectionExtensions).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Grpc.Core.ServerCallContext).Assembly.Location));

    private static readonly Lazy<Task<MetadataReference>> s_functions = new(() => CompileAsync("Hackle.Tests.FunctionsStubs", ImmutableArray<MetadataReference>.Empty, Stubs.Functions));
    private static readonly Lazy<Task<MetadataReference>> s_greeter = new(() => CompileAsync("Demo.Protos", HostingAndGrpc, Stubs.GreeterProtoLibrary));

    /// <summary>Azure Functions' [Function] and [FunctionName] attributes.</summary>
    public static Task<MetadataReference> FunctionsAsync() => s_functions.Value;

    /// <summary>A proto library with the gRPC Greeter service base, as Grpc.Tools generates it.</summary>
    public static Task<MetadataReference> GreeterAsync() => s_greeter.Value;

    /// <summary>The name Microsoft.CodeAnalysis.Testing gives the compilation under test.</summary>
    public const string TestProjectName = "TestProject";

    /// <summary>
    /// <paramref name="generatedSources"/> compiled as HackleTyped.targets compiles them in accessor-assembly mode: into
    /// <c>TestProject.HackleFlags</c>, referencing the runtime, visible to the test project through InternalsVisibleTo.
    /// </summary>
    public static Task<MetadataReference> AccessorAssemblyAsync(IEnumerable<string> generatedSources) =>
        CompileAsync(TestProjectName + ".HackleFlags", Extensions.Add(Runtime),
            [$"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{TestProjectName}\")]", .. generatedSources]);

    /// <summary>Compiles <paramref name="sources"/> against the test framework and <paramref name="references"/> into an in-memory assembly.</summary>
    public static async Task<MetadataReference> CompileAsync(string assemblyName, ImmutableArray<MetadataReference> references, params string[] sources)
    {
        var framework = await Framework.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            framework.AddRange(references),
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
