using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>Entry points of the tests: run an analyzer, or an analyzer and its code fix, on a source.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    /// <summary>Analyzes <paramref name="source"/>; markup spans and <paramref name="expected"/> are the whole expected set.</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, TestOptions.Default, expected);

    public static async Task AnalyzerAsync(string source, TestOptions options, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> { TestCode = source };
        await TestEnvironment.ConfigureAsync(test, options);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>Applies <typeparamref name="TCodeFix"/> to the diagnostics in <paramref name="source"/> and compares with <paramref name="fixedSource"/>.</summary>
    /// <remarks>
    /// <paramref name="fixAllIterations"/>: fixes that each add the same using directive conflict in a batch
    /// fix-all, which then needs a second pass for the rest.
    /// </remarks>
    public static async Task CodeFixAsync<TCodeFix>(string source, string fixedSource, TestOptions? options = null, int? fixAllIterations = null)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
        };
        if (fixAllIterations is { } iterations)
        {
            test.NumberOfFixAllIterations = iterations;
            test.NumberOfFixAllInDocumentIterations = iterations;
        }
        await TestEnvironment.ConfigureAsync(test, options ?? TestOptions.Default);
        await test.RunAsync();
    }
}
