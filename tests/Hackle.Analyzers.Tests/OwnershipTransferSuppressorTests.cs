using System.Collections.Immutable;
using Hackle.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Hackle.Analyzers.Tests;

/// <summary>The suppressor silences CA2000/IDISP001 only where the client is handed to AddHackle.</summary>
public class OwnershipTransferSuppressorTests
{
    [Fact]
    public Task Clients_handed_to_AddHackle_are_suppressed_and_others_are_not() => RunAsync("""
        using Hackle;
        using Microsoft.Extensions.DependencyInjection;

        public static class Startup
        {
            public static void Configure(IServiceCollection services)
            {
                var {|#0:owned|} = {|#1:HackleClient.Create("sdk-key")|};
                services.AddHackle(owned);

                var {|#2:leaked|} = {|#3:HackleClient.Create("other-key")|};
                services.AddSingleton<IHackleClient>(leaked);
            }
        }
        """,
        Expected("IDISP001", 0, suppressed: true), Expected("CA2000", 1, suppressed: true),
        Expected("IDISP001", 2, suppressed: false), Expected("CA2000", 3, suppressed: false));

    [Fact]
    public Task Nothing_is_suppressed_without_the_runtime() => RunAsync("""
        public sealed class Resource : System.IDisposable { public void Dispose() { } }

        public static class Startup
        {
            public static void AddHackle(Resource resource) { }

            public static void Configure()
            {
                var {|#0:resource|} = {|#1:new Resource()|};
                AddHackle(resource);
            }
        }
        """, TestOptions.Default with { Runtime = false, WebStubs = false },
        Expected("IDISP001", 0, suppressed: false), Expected("CA2000", 1, suppressed: false));

    private static DiagnosticResult Expected(string id, int location, bool suppressed) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location).WithIsSuppressed(suppressed);

    private static Task RunAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, TestOptions.Default, expected);

    private static async Task RunAsync(string source, TestOptions options, params DiagnosticResult[] expected)
    {
        var test = new SuppressorTest { TestCode = source };
        await TestEnvironment.ConfigureAsync(test, options);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private sealed class SuppressorTest : CSharpAnalyzerTest<OwnershipTransferSuppressor, DefaultVerifier>
    {
        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
            base.GetDiagnosticAnalyzers().Append(new DisposableLocalsAnalyzer());
    }

    /// <summary>
    /// Stands in for CA2000 and IDISP001 at the places they report: CA2000 on the creation of a disposable
    /// assigned to a local, IDISP001 on the local's declarator.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class DisposableLocalsAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor s_ca2000 = new("CA2000", "Dispose objects", "Dispose", "Reliability", DiagnosticSeverity.Warning, true);
        private static readonly DiagnosticDescriptor s_idisp001 = new("IDISP001", "Dispose created", "Dispose created", "Correctness", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(s_ca2000, s_idisp001);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(c =>
            {
                var declarator = (IVariableDeclaratorOperation)c.Operation;
                var value = declarator.Initializer?.Value;
                while (value is IConversionOperation conversion) value = conversion.Operand;
                if (value is null || !value.Type!.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable)) return;
                c.ReportDiagnostic(Diagnostic.Create(s_ca2000, value.Syntax.GetLocation()));
                c.ReportDiagnostic(Diagnostic.Create(s_idisp001, ((Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax)declarator.Syntax).Identifier.GetLocation()));
            }, OperationKind.VariableDeclarator);
        }
    }
}
