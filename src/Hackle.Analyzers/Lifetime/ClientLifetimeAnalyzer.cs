using System.Collections.Immutable;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// The client lifetime rules: HKA101 (created per request or per loop iteration), HKA103 (local client
    /// never disposed) and HKA104 (a type stores a client it created but does not dispose it). One pass per
    /// type, because whether a method is a route handler, and whether a field is ever disposed, is known only
    /// once every member of the type has been seen; and because a per-request creation must not also be told
    /// to add 'using' (that would close the process-wide client at the end of each request).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ClientLifetimeAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ClientCreatedPerRequest,
            DiagnosticDescriptors.ClientNeverDisposed,
            DiagnosticDescriptors.ClientFieldNotDisposed);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWhenRuntimeReferenced((start, types) =>
            {
                // Method groups mapped as minimal-API handlers may be declared in another type than the Map*
                // call: the registry is shared by the compilation, and creations in such candidates that their
                // own type could not settle are decided at the end (web projects only).
                var routeHandlers = new RouteHandlerRegistry(start.Compilation, types);
                // Classes registered as scoped or transient services (usually in another file) are matched with
                // the creations they dispose at the end, in projects that use dependency injection.
                var scopedServices = new ScopedServiceRegistry(types, routeHandlers, start.Compilation);
                if (scopedServices.IsActive)
                {
                    start.RegisterOperationAction(scopedServices.OnRegistrationCandidate, OperationKind.Invocation, OperationKind.ObjectCreation);
                    start.RegisterCompilationEndAction(scopedServices.OnCompilationEnd);
                }
                start.RegisterSymbolStartAction(symbolStart =>
                {
                    var state = new ClientLifetimeState((INamedTypeSymbol)symbolStart.Symbol, types, routeHandlers, scopedServices);
                    symbolStart.RegisterOperationAction(state.OnCreationCandidate, OperationKind.Invocation, OperationKind.ObjectCreation);
                    symbolStart.RegisterOperationAction(state.OnDelegateCreation, OperationKind.DelegateCreation);
                    symbolStart.RegisterOperationAction(state.OnMemberReference, OperationKind.FieldReference, OperationKind.PropertyReference);
                    symbolStart.RegisterSymbolEndAction(state.OnEnd);
                }, SymbolKind.NamedType);
                if (routeHandlers.IsWebProject) start.RegisterCompilationEndAction(routeHandlers.OnCompilationEnd);
            });
        }
    }
}
