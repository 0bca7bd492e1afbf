using System.Collections.Concurrent;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// The methods a compilation maps as minimal-API handlers by method group (<c>app.MapGet("/x",
    /// CheckoutHandlers.Get)</c>, <c>handlers.Decide</c>, or a <c>Delegate</c> local then mapped), which may be
    /// declared in another type than the Map* call. A creation in a method that could be such a handler and
    /// that its own type cannot settle is decided at the end of the compilation: HKA101 if the method was
    /// mapped, else what its type would have reported (HKA103). Only web projects (those that reference
    /// IEndpointRouteBuilder) defer anything; elsewhere the registry is inert.
    /// </summary>
    internal sealed class RouteHandlerRegistry
    {
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _handlers = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(IOperation Creation, RequestContext Context, Diagnostic? Otherwise)> _deferred =
            new ConcurrentBag<(IOperation, RequestContext, Diagnostic?)>();
        private readonly IMethodSymbol? _entryPoint;

        public RouteHandlerRegistry(Compilation compilation, KnownTypes types)
        {
            IsWebProject = types.EndpointRouteBuilder != null;
            _entryPoint = IsWebProject ? compilation.GetEntryPoint(default) : null;
        }

        /// <summary>True when the compilation can map route handlers at all.</summary>
        public bool IsWebProject { get; }

        public void Add(IMethodSymbol handler) => _handlers[handler.OriginalDefinition] = true;

        public bool Contains(IMethodSymbol method) => _handlers.ContainsKey(method.OriginalDefinition);

        /// <summary>
        /// True when another type may map <paramref name="method"/>: an ordinary, non-private method (local
        /// functions and private methods are only visible to their own type, which has been seen already).
        /// </summary>
        public bool MayBeMappedElsewhere(IMethodSymbol method) =>
            IsWebProject
            && method.MethodKind == MethodKind.Ordinary
            && method.DeclaredAccessibility != Accessibility.Private
            && !SymbolEqualityComparer.Default.Equals(method, _entryPoint);

        /// <summary>Keeps a creation to decide at the end; <paramref name="otherwise"/> is reported if its method is never mapped.</summary>
        public void Defer(IOperation creation, RequestContext context, Diagnostic? otherwise) => _deferred.Add((creation, context, otherwise));

        public void OnCompilationEnd(CompilationAnalysisContext context)
        {
            foreach (var (creation, requestContext, otherwise) in _deferred)
            {
                if (Contains(requestContext.PendingHandler!))
                {
                    // No code fix for a diagnostic known only at the end of the compilation: the IDE's light bulb
                    // works on one document at a time.
                    context.ReportDiagnostic(ClientLifetimeState.PerRequest(creation, RequestContextKind.MinimalApi, InjectionFix.None));
                }
                else if (otherwise != null)
                {
                    context.ReportDiagnostic(otherwise);
                }
            }
        }
    }
}
