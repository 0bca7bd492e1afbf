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
        var references = References();
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

    /// <summary>The BCL and the runtime package, what a consumer's compilation references.</summary>
    public static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(HackleClient).Assembly.Location));

    /// <summary>
    /// Fills the config's empty remoteConfigParameters with <paramref name="count"/> parameters, a third each string,
    /// number and boolean, one targeting rule each (the shape of the repo's manifest).
    /// </summary>
    public static string WithParameters(string config, int count)
    {
        var sb = new System.Text.StringBuilder(count * 420);
        for (var i = 1; i <= count; i++)
        {
            if (i > 1) sb.Append(',');
            var id = 900000 + i;
            var (type, def, ruled) = (i % 3) switch
            {
                0 => ("STRING", $"\"Default text {i}\"", $"\"Rule text {i}\""),
                1 => ("NUMBER", (i % 97).ToString(System.Globalization.CultureInfo.InvariantCulture), "7.5"),
                _ => ("BOOLEAN", "false", "true"),
            };
            sb.Append($"{{\"id\":{id},\"key\":\"parameter_{i}\",\"type\":\"{type}\",\"identifierType\":\"$id\",");
            sb.Append($"\"targetRules\":[{{\"key\":\"rule_{i}\",\"name\":\"Rule {i}\",\"target\":{{\"conditions\":[{{\"key\":{{\"type\":\"USER_PROPERTY\",\"name\":\"grade\"}},");
            sb.Append($"\"match\":{{\"type\":\"MATCH\",\"operator\":\"IN\",\"valueType\":\"STRING\",\"values\":[\"GOLD\"]}}}}]}},\"bucketId\":1,");
            sb.Append($"\"value\":{{\"id\":{id * 10 + 2},\"value\":{ruled}}}}}],\"defaultValue\":{{\"id\":{id * 10 + 1},\"value\":{def}}}}}");
        }
        const string empty = "\"remoteConfigParameters\":[]";
        var at = config.LastIndexOf(empty, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException("the config has no empty remoteConfigParameters");
        return config.Substring(0, at) + "\"remoteConfigParameters\":[" + sb + "]" + config.Substring(at + empty.Length);
    }

    public sealed class ManifestText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    public sealed class EmptyOptions : AnalyzerConfigOptionsProvider
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

/// <summary>
/// The generator cold (a new driver, as every command-line build runs it) on the issue-14 manifest: 1,000 A/B tests,
/// 1,000 flags and 1,000 remote-config parameters, this build against a baseline build in the same run.
/// </summary>
[MemoryDiagnoser]
public class LargeGeneratorBenchmarks
{
    private CSharpParseOptions _parseOptions = null!;
    private CSharpCompilation _compilation = null!;
    private ImmutableArray<AdditionalText> _manifest;

    [GlobalSetup]
    public void Setup()
    {
        _parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        _manifest = ImmutableArray.Create<AdditionalText>(new GeneratorBenchmarks.ManifestText("/app/hackle.flags.json",
            GeneratorBenchmarks.WithParameters(BenchmarkConfigs.Large(1000, 1000), 1000)));
        var program = CSharpSyntaxTree.ParseText("namespace App { static class Program { static void Main() { } } }", _parseOptions, "Program.cs");
        _compilation = CSharpCompilation.Create("App", new[] { program }, GeneratorBenchmarks.References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = LargeCold()?.GetRunResult().Results[0];
        if (result is null) return;
        if (result.Value.Exception != null) throw result.Value.Exception;
        var size = result.Value.GeneratedSources.Sum(s => s.SourceText.Length);
        Console.WriteLine("// " + Build + ": " + result.Value.GeneratedSources.Length + " files, " + size + " characters");
    }

    /// <summary>
    /// Which generator <see cref="LargeCold"/> runs: "this" build, or "baseline", a Hackle.Generators.dll of an earlier
    /// commit named by the HACKLE_BASELINE_GENERATOR environment variable (loaded in its own context), so a before/after
    /// comparison shares one run and one machine load. Without the variable the baseline case is skipped.
    /// </summary>
    [Params("this", "baseline")]
    public string Build { get; set; } = "this";

    [Benchmark(Description = "Generator cold (1,000 experiments + 1,000 flags + 1,000 parameters)")]
    public GeneratorDriver? LargeCold()
    {
        var generator = Build == "this" ? new HackleFlagsGenerator() : s_baseline.Value;
        if (generator is null) return null;
        return CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, _manifest, _parseOptions, GeneratorBenchmarks.EmptyOptions.Instance)
            .RunGenerators(_compilation);
    }

    private static readonly Lazy<IIncrementalGenerator?> s_baseline = new(() =>
    {
        var path = Environment.GetEnvironmentVariable("HACKLE_BASELINE_GENERATOR");
        if (string.IsNullOrEmpty(path)) return null;
        var context = new System.Runtime.Loader.AssemblyLoadContext("baseline-generator");
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        return (IIncrementalGenerator)Activator.CreateInstance(assembly.GetType("Hackle.Generators.HackleFlagsGenerator", throwOnError: true)!)!;
    });

}
