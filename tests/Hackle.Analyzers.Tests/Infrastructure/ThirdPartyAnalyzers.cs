using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>
/// The real analyzers whose diagnostics the suppressor acts on, loaded from the packages the test project
/// downloads: IDisposableAnalyzers 4.0.8 (IDISP001) and Microsoft.CodeAnalysis.NetAnalyzers 8.0.0 (CA2000).
/// </summary>
internal static class ThirdPartyAnalyzers
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_disposable = new(() => Load(
        "idisposableanalyzers", "4.0.8", "IDisposableAnalyzers.dll", "IDISP001"));

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> s_net = new(() => Load(
        "microsoft.codeanalysis.netanalyzers", "8.0.0", "Microsoft.CodeAnalysis.NetAnalyzers.dll", "CA2000"));

    /// <summary>The analyzers of IDisposableAnalyzers that report IDISP001.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Idisp001 => s_disposable.Value;

    /// <summary>The NetAnalyzers analyzer that reports CA2000.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Ca2000 => s_net.Value;

    /// <summary>
    /// Only these two rules on: every other rule of both packages is switched off, so that a test's expected
    /// set is about the suppressor alone.
    /// </summary>
    public const string OnlyCa2000AndIdisp001 = """
        is_global = true
        dotnet_analyzer_diagnostic.severity = none
        dotnet_diagnostic.CA2000.severity = warning
        dotnet_diagnostic.IDISP001.severity = warning
        """;

    private static ImmutableArray<DiagnosticAnalyzer> Load(string package, string version, string file, string id)
    {
        var path = Path.Combine(TestReferences.PackageRoot, package, version, "analyzers", "dotnet", "cs", file);
        var assembly = Assembly.LoadFrom(path);
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsAbstract || !typeof(DiagnosticAnalyzer).IsAssignableFrom(type) || type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is null) continue;
            if (type.GetConstructor(Type.EmptyTypes) is null) continue;
            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            if (analyzer.SupportedDiagnostics.Any(d => d.Id == id)) analyzers.Add(analyzer);
        }
        if (analyzers.Count == 0) throw new InvalidOperationException($"{file} has no analyzer for {id}.");
        return analyzers.ToImmutable();
    }
}
