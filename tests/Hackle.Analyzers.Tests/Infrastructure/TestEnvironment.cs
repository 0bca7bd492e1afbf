using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Testing;

namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>Applies <see cref="TestOptions"/> to an analyzer or code-fix test.</summary>
internal static class TestEnvironment
{
    public static async Task ConfigureAsync(AnalyzerTest<DefaultVerifier> test, TestOptions options)
    {
        // Top-level statements only compile into an executable.
        if (test.TestState.Sources.Any(s => HasTopLevelStatements(s.content.ToString())))
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
        }
        test.ReferenceAssemblies = TestReferences.Framework;
        if (options.Runtime) test.TestState.AdditionalReferences.Add(TestReferences.Runtime);
        if (options.Web)
        {
            test.TestState.AdditionalReferences.AddRange(TestReferences.AspNetCore);
            test.TestState.AdditionalReferences.AddRange(TestReferences.HostingAndGrpc);
            test.TestState.AdditionalReferences.Add(await TestReferences.GreeterAsync());
            test.TestState.AdditionalReferences.Add(await TestReferences.FunctionsAsync());
        }
        else
        {
            test.TestState.AdditionalReferences.AddRange(TestReferences.Extensions);
        }
        if (options.Manifest != null) test.TestState.AdditionalFiles.Add(("/0/hackle.flags.json", options.Manifest));
        if (options.BuildProperties.Count > 0)
        {
            var config = "is_global = true\n" + string.Concat(options.BuildProperties.Select(p => "build_property." + p.Key + " = " + p.Value + "\n"));
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config));
        }
        var extraSources = options.ExtraSources;
        if (options.AccessorsInMetadata)
        {
            var generated = extraSources.Where(s => s.Name.EndsWith(".g.cs", StringComparison.Ordinal)).Select(s => s.Text).ToArray();
            test.TestState.AdditionalReferences.Add(await TestReferences.AccessorAssemblyAsync(generated));
            extraSources = extraSources.Where(s => !s.Name.EndsWith(".g.cs", StringComparison.Ordinal)).ToArray();
        }
        foreach (var (name, text) in extraSources)
        {
            test.TestState.Sources.Add((name, text));
            // A code-fix test compares the fixed state on its own sources, so it needs the extras too.
            if (test is CodeFixTest<DefaultVerifier> fixTest) fixTest.FixedState.Sources.Add((name, text));
        }
    }

    private static bool HasTopLevelStatements(string source)
    {
        var withoutMarkup = Regex.Replace(source, @"\{\|[^:|]*:|\|\}|\[\||\|\]", string.Empty);
        return CSharpSyntaxTree.ParseText(withoutMarkup).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
    }
}
