using Hackle.Generators.Emit;
using Hackle.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Hackle.Generators.Tests;

/// <summary>
/// The same golden files, checked through the Roslyn SDK's test framework against the .NET 8 reference
/// assemblies (pre-downloaded by the project's PackageDownload, so nothing is fetched at test time).
/// </summary>
public class VerifierTests
{
    private static string Expected(string caseName, string hintName) =>
        File.ReadAllText(Path.Combine(RepoPaths.SnapshotFolder(caseName), hintName)).ReplaceLineEndings("\n")
            .Replace("GeneratedCode(\"Hackle.Generators\", \"VERSION\")", "GeneratedCode(\"Hackle.Generators\", \"" + Emitter.Version + "\")");

    [Fact]
    public async Task RepoManifestMatchesTheGoldenFilesAndReportsRetiredItems()
    {
        var test = new CSharpSourceGeneratorTest<HackleFlagsGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            TestState =
            {
                Sources = { "namespace App { internal static class Program { } }" },
                AdditionalFiles = { ("/0/hackle.flags.json", File.ReadAllText(RepoPaths.RepoManifest)) },
                AdditionalReferences = { MetadataReference.CreateFromFile(typeof(HackleClient).Assembly.Location) },
                ExpectedDiagnostics =
                {
                    // Additional-file diagnostics carry the manifest path and a 1-based span.
                    new DiagnosticResult("HKF009", DiagnosticSeverity.Info).WithSpan("/0/hackle.flags.json", 55, 15, 55, 32)
                        .WithArguments("Experiment", "'Onboarding Tour' (key 43)", "COMPLETED", "it is generated as [Obsolete]"),
                    new DiagnosticResult("HKF009", DiagnosticSeverity.Info).WithSpan("/0/hackle.flags.json", 91, 31, 91, 34)
                        .WithArguments("Variation B of experiment", "'Search Ranking' (key 44)", "DROPPED", "its enum member is generated as [Obsolete]"),
                    new DiagnosticResult("HKF009", DiagnosticSeverity.Info).WithSpan("/0/hackle.flags.json", 159, 15, 159, 25)
                        .WithArguments("Feature flag", "'DarkMode' (key 8)", "PAUSED", "it is generated as [Obsolete]"),
                },
            },
        };
        foreach (var hint in new[] { "Experiments.g.cs", "Features.g.cs", "RemoteConfig.g.cs", "FlagKeys.g.cs" })
        {
            test.TestState.GeneratedSources.Add((typeof(HackleFlagsGenerator), hint, SourceText.From(Expected("repo", hint), System.Text.Encoding.UTF8)));
        }
        await test.RunAsync();
    }
}
