using System.Collections.Concurrent;
using System.Collections.Immutable;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// The classes a compilation registers as scoped or transient services, and the creations in those classes
    /// that would make each scope create and dispose the client. <c>HackleClient.Create</c> returns the one
    /// shared client per SDK key, so the first scope's <c>Dispose</c> closes it for every other user of the key.
    /// The registration is usually in another file than the class, so both are collected and matched at the end
    /// of the compilation (HKA101, "in a scoped service").
    /// </summary>
    /// <remarks>
    /// A registration is recognised by a lifetime that is a constant: the method name (<c>AddScoped</c>,
    /// <c>TryAddTransient</c>, <c>AddKeyedScoped</c>, <c>ServiceDescriptor.Scoped</c>), or a constant
    /// <c>ServiceLifetime.Scoped</c>/<c>Transient</c> argument of any call or creation (<c>new ServiceDescriptor</c>,
    /// <c>ServiceDescriptor.Describe</c>, a user's helper that takes the lifetime as a parameter). Its classes
    /// are the type arguments, the <c>typeof</c> operands, and the class a factory lambda creates with <c>new</c>.
    /// </remarks>
    internal sealed class ScopedServiceRegistry
    {
        private const int Scoped = 1;
        private const int Transient = 2;

        private readonly KnownTypes _types;
        private readonly RouteHandlerRegistry _routeHandlers;
        private readonly ConcurrentDictionary<ITypeSymbol, int> _registered = new ConcurrentDictionary<ITypeSymbol, int>(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(INamedTypeSymbol Type, IOperation Creation, IMethodSymbol? PendingHandler)> _candidates =
            new ConcurrentBag<(INamedTypeSymbol, IOperation, IMethodSymbol?)>();

        private readonly PerScopeRegistrationNames _perScopeNames;

        public ScopedServiceRegistry(KnownTypes types, RouteHandlerRegistry routeHandlers, Compilation compilation)
        {
            _types = types;
            _routeHandlers = routeHandlers;
            _perScopeNames = new PerScopeRegistrationNames(compilation);
        }

        /// <summary>True when the compilation references dependency injection at all; elsewhere the registry is inert.</summary>
        public bool IsActive => _types.ServiceCollection != null || _types.ServiceLifetime != null;

        /// <summary>
        /// True when some registration may make <paramref name="type"/> a scoped or transient service. Answerable
        /// before the registrations' own analysis has run (it reads syntax), for HKA104, which cannot wait for
        /// the end of the compilation without leaving the IDE's live analysis.
        /// </summary>
        public bool MayBePerScopeService(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
            IsActive && type.TypeKind == TypeKind.Class && _perScopeNames.MayContain(type, cancellationToken);

        /// <summary>Records the classes an invocation or object creation registers as scoped or transient.</summary>
        public void OnRegistrationCandidate(OperationAnalysisContext context)
        {
            IMethodSymbol? method;
            ImmutableArray<IArgumentOperation> arguments;
            switch (context.Operation)
            {
                case IInvocationOperation invocation:
                    method = invocation.TargetMethod;
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation when creation.Constructor != null:
                    method = creation.Constructor;
                    arguments = creation.Arguments;
                    break;
                default:
                    return;
            }

            var lifetime = LifetimeOf(method, arguments);
            if (lifetime == 0) return;
            foreach (var typeArgument in method.TypeArguments) Register(typeArgument, lifetime);
            foreach (var argument in arguments)
            {
                var value = argument.Value.SkipConversionsDown();
                if (value is ITypeOfOperation typeOf) Register(typeOf.TypeOperand, lifetime);
                else if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation factory }) RegisterCreatedByFactory(factory, lifetime);
            }
        }

        /// <summary>
        /// Keeps a creation in an instance member of <paramref name="type"/> that the type disposes, to report if
        /// the type turns out to be a scoped or transient service.
        /// </summary>
        public void Defer(INamedTypeSymbol type, IOperation creation, IMethodSymbol? pendingHandler) =>
            _candidates.Add((type, creation, pendingHandler));

        public void OnCompilationEnd(CompilationAnalysisContext context)
        {
            foreach (var (type, creation, pendingHandler) in _candidates)
            {
                if (!_registered.TryGetValue(type.OriginalDefinition, out var lifetime)) continue;
                // A method also mapped as a route handler is reported as such by the route registry.
                if (pendingHandler != null && _routeHandlers.Contains(pendingHandler)) continue;
                var kind = lifetime == Scoped ? RequestContextKind.ScopedService : RequestContextKind.TransientService;
                context.ReportDiagnostic(ClientLifetimeState.PerRequest(creation, kind, InjectionFix.None));
            }
        }

        /// <summary>The constant per-request lifetime a call registers with (Scoped or Transient), or 0.</summary>
        private int LifetimeOf(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
        {
            if (ServiceRegistrations.IsRegistration(method, _types) && !ServiceRegistrations.IsHackleRegistration(method))
            {
                switch (ServiceRegistrations.LifetimeInName(method.Name))
                {
                    case "Scoped": return Scoped;
                    case "Transient": return Transient;
                }
            }
            if (_types.ServiceLifetime is null) return 0;
            foreach (var argument in arguments)
            {
                var value = argument.Value.SkipConversionsDown();
                if (!SymbolEqualityComparer.Default.Equals(value.Type, _types.ServiceLifetime) || !value.ConstantValue.HasValue) continue;
                // ServiceLifetime: Singleton = 0, Scoped = 1, Transient = 2.
                if (value.ConstantValue.Value is int number && (number == Scoped || number == Transient)) return number;
            }
            return 0;
        }

        private void Register(ITypeSymbol type, int lifetime)
        {
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Class } named && !_types.IsClientType(named))
            {
                _registered.AddOrUpdate(named.OriginalDefinition, lifetime, (_, previous) => previous);
            }
        }

        /// <summary>The class a factory lambda returns with <c>new</c> (<c>sp =&gt; new CheckoutFlags(…)</c>).</summary>
        private void RegisterCreatedByFactory(IAnonymousFunctionOperation factory, int lifetime)
        {
            foreach (var operation in factory.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned }
                    && returned.SkipConversionsDown() is IObjectCreationOperation { Type: { } created }
                    && SymbolEqualityComparer.Default.Equals(returned.EnclosingFunction(), factory.Symbol))
                {
                    Register(created, lifetime);
                }
            }
        }
    }
}
