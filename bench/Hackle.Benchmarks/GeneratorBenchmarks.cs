using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Hackle.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Hackle.Benchmarks;

/// <summary>
/// The source generator on the 1,000-experiment / 1,000-flag manifest. Cold: a new driver (parse,
/// name, emit 2,000 accessors). Cached: a warmed driver re-run after an edit to an unrelated source file,
/// which is what the IDE does on every keystroke.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpParseOptions _parseOptions = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private ImmutableArray<AdditionalText> _manifest;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        _manifest = ImmutableArray.Create<AdditionalText>(new ManifestText("/app/hackle.flags.json", BenchmarkConfigs.Large(1000, 1000)));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(HackleClient).Assembly.Location));
        var program = CSharpSyntaxTree.ParseText("namespace App { static class Program { static void Main() { } } }", _parseOptions, "Program.cs");
        _compilation = CSharpCompilation.Create("App", new[] { program }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _editedCompilation = _compilation.ReplaceSyntaxTree(program,
            CSharpSyntaxTree.ParseText("namespace App { static class Program { static void Main() { var x = 1; } } }", _parseOptions, "Program.cs"));
        _warmDriver = NewDriver().RunGenerators(_compilation);
        var generated = _warmDriver.GetRunResult().Results[0].GeneratedSources.Length;
        // Experiments, Features, RemoteConfig and FlagKeys (VariationDecision ships in the runtime now).
        if (generated != 4) throw new InvalidOperationException("expected 4 generated files, got " + generated);
    }

    [Benchmark(Description = "Generator cold (1,000 experiments + 1,000 flags)")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "Generator cached re-run (unrelated edit)")]
    public GeneratorDriver Cached() => _warmDriver.RunGenerators(_editedCompilation);

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(new[] { new HackleFlagsGenerator().AsSourceGenerator() }, _manifest, _parseOptions, EmptyOptions.Instance);

    private sealed class ManifestText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class EmptyOptions : AnalyzerConfigOptionsProvider
    {
        public static readonly EmptyOptions Instance = new();
        private static readonly AnalyzerConfigOptions s_none = new None();

        public override AnalyzerConfigOptions GlobalOptions => s_none;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_none;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_none;

        private sealed class None : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = "";
                return false;
            }
        }
    }
}
