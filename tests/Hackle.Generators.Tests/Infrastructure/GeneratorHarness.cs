using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="HackleFlagsGenerator"/> through <see cref="CSharpGeneratorDriver"/> on an in-memory
/// compilation that references the running framework and Hackle.Runtime (no NuGet at test time).
/// </summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = tpa.Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) ||
                                                                         f is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(HackleClient).Assembly.Location));
        return references.ToImmutableArray();
    });

    /// <summary>The framework assemblies plus Hackle.Runtime.</summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new(version, DocumentationMode.Diagnose);

    public static CSharpCompilation Compilation(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        var parse = ParseOptions(version);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: "Source" + i + ".cs"));
        return CSharpCompilation.Create("Consumer", trees, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable,
                warningLevel: 9999, specificDiagnosticOptions: null));
    }

    public static Dictionary<string, string> Properties(params (string Name, string Value)[] properties) =>
        properties.ToDictionary(p => "build_property." + p.Name, p => p.Value);

    public static GeneratorDriver Driver(IEnumerable<AdditionalText> additionalTexts, IReadOnlyDictionary<string, string>? globalOptions = null,
        LanguageVersion version = LanguageVersion.Latest, AnalyzerConfigOptionsProvider? optionsProvider = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new HackleFlagsGenerator().AsSourceGenerator() },
            additionalTexts,
            ParseOptions(version),
            optionsProvider ?? new TestOptionsProvider(globalOptions ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once on a manifest and returns the result and the updated compilation.</summary>
    public static Run Generate(string manifestText, IReadOnlyDictionary<string, string>? globalOptions = null,
        LanguageVersion version = LanguageVersion.Latest, NullableContextOptions nullable = NullableContextOptions.Enable,
        string manifestPath = "/repo/hackle.flags.json", params string[] sources)
    {
        var compilation = Compilation(sources.Length == 0 ? new[] { "namespace Consumer { internal static class Placeholder { } }" } : sources, version, nullable);
        var driver = Driver(new[] { new TestAdditionalText(manifestPath, manifestText) }, globalOptions, version);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new Run(driver.GetRunResult(), output, generatorDiagnostics);
    }

    public sealed record Run(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
    {
        public IReadOnlyList<GeneratedSourceResult> Sources => Result.Results.Single().GeneratedSources;

        public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

        public string Source(string hintName) => Sources.Single(s => s.HintName == hintName).SourceText.ToString();

        /// <summary>Generator exceptions surface as CS8785 warnings; tests demand there are none.</summary>
        public void AssertNoGeneratorException()
        {
            var exception = Result.Results.Single().Exception;
            Xunit.Assert.True(exception is null, "generator threw: " + exception);
        }
    }
}
