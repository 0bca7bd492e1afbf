using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// What <see cref="ClientLifetimeAnalyzer"/> learns about one type while its members are analyzed
    /// (possibly concurrently); the decisions are made once the whole type has been seen.
    /// </summary>
    internal sealed class ClientLifetimeState
    {
        private readonly INamedTypeSymbol _type;
        private readonly KnownTypes _types;
        private readonly ConcurrentBag<(IOperation Creation, RequestContext Context, bool InInstanceMember)> _creations =
            new ConcurrentBag<(IOperation, RequestContext, bool)>();
        private readonly RouteHandlerRegistry _routeHandlers;
        private readonly ScopedServiceRegistry _scopedServices;
        private readonly StaticHelperCalls _staticHelperCalls;
        private readonly ConcurrentDictionary<ISymbol, Fate> _memberFates = new ConcurrentDictionary<ISymbol, Fate>(SymbolEqualityComparer.Default);

        private static readonly ImmutableDictionary<string, string?> s_decidedAtEnd =
            ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.DecidedAtCompilationEnd, "true");

        public ClientLifetimeState(INamedTypeSymbol type, KnownTypes types, RouteHandlerRegistry routeHandlers, ScopedServiceRegistry scopedServices)
        {
            _type = type;
            _types = types;
            _routeHandlers = routeHandlers;
            _scopedServices = scopedServices;
            _staticHelperCalls = new StaticHelperCalls(type, types);
        }

        /// <summary>Records a client creation with its per-request classification.</summary>
        public void OnCreationCandidate(OperationAnalysisContext context)
        {
            if (context.Operation is IInvocationOperation call) _staticHelperCalls.OnInvocation(call, context.ContainingSymbol);
            if (!ClientCreation.IsCreation(context.Operation, _types)) return;
            _creations.Add((context.Operation, RequestContextClassifier.Classify(context.Operation, context.ContainingSymbol, _types), !context.ContainingSymbol.IsStatic));
        }

        /// <summary>Records methods passed as minimal-API handlers (method groups, directly or through a local).</summary>
        public void OnDelegateCreation(OperationAnalysisContext context)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            if (!(creation.Target is IMethodReferenceOperation reference) || !_routeHandlers.IsWebProject) return;
            if (creation.SkipConversionsUp().Parent is IArgumentOperation { Parent: IInvocationOperation invocation } argument
                ? LambdaRoles.IsRouteHandlerArgument(invocation.TargetMethod, argument, _types)
                : LambdaRoles.IsMappedThroughLocal(creation, _types))
            {
                _routeHandlers.Add(reference.Method);
            }
        }

        /// <summary>Records how this type's own fields and properties that may hold a client are used.</summary>
        public void OnMemberReference(OperationAnalysisContext context)
        {
            var reference = (IMemberReferenceOperation)context.Operation;
            var member = reference switch
            {
                IFieldReferenceOperation field => (ISymbol)field.Field,
                IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
                _ => null,
            };
            if (member is null || member.IsStatic || !SymbolEqualityComparer.Default.Equals(member.ContainingType, _type)) return;
            if (!_types.IsClientType(reference.Type))
            {
                // A Lazy<IHackleClient> or a dictionary of clients: disposed through its Value or Values.
                if (ClientHolders.KindOf(reference.Type, _types) == HolderKind.None) return;
                var holderFate = ClientHolders.FateOf(reference, _types);
                _memberFates.AddOrUpdate(member.OriginalDefinition, holderFate, (_, previous) => previous > holderFate ? previous : holderFate);
                return;
            }

            var fate = ValueFate.OfReference(reference, owner: null, _types);
            // Exposing the field through a property of the same type does not hand ownership on.
            if (fate == Fate.Escapes && reference.SkipConversionsUp().Parent is IReturnOperation
                && context.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.PropertyGet })
            {
                fate = Fate.Dropped;
            }
            _memberFates.AddOrUpdate(member.OriginalDefinition, fate, (_, previous) => previous > fate ? previous : fate);
        }

        /// <summary>Reports HKA101, HKA103 and HKA104 for the type.</summary>
        public void OnEnd(SymbolAnalysisContext context)
        {
            var undisposedFields = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
            foreach (var (creation, requestContext, inInstanceMember) in _creations)
            {
                var kind = requestContext.Kind;
                var fix = requestContext.Fix;
                var deferred = false;
                if (kind == RequestContextKind.None && requestContext.PendingHandler is { } handler)
                {
                    if (_routeHandlers.Contains(handler)) kind = RequestContextKind.MinimalApi;
                    else deferred = _routeHandlers.MayBeMappedElsewhere(handler);
                }

                // A static helper of a controller (or other per-request type) called by its actions runs per request
                // too, unless it hands the client back to its caller (whose storage then decides).
                if (kind == RequestContextKind.None && requestContext.PendingHandler is { IsStatic: true } helper
                    && _staticHelperCalls.PerRequestKindOf(helper) is var helperKind && helperKind != RequestContextKind.None
                    && ValueFate.OfCreation(creation, _types) != Fate.Escapes)
                {
                    kind = helperKind;
                    fix = InjectionFix.None;
                }

                if (kind != RequestContextKind.None)
                {
                    context.ReportDiagnostic(PerRequest(creation, kind, fix));
                    continue;
                }

                if (inInstanceMember && _type.TypeKind == TypeKind.Class && _scopedServices.IsActive && IsDisposedByType(creation))
                {
                    // Harmless in a singleton; per scope it closes the shared client. Known once registrations are seen.
                    _scopedServices.Defer(_type, creation, requestContext.PendingHandler);
                }

                if (StoredInInstanceMember(creation) is { } member)
                {
                    if (!undisposedFields.ContainsKey(member)) undisposedFields[member] = creation;
                    continue;
                }

                // 'var client = Create(); if (!client.IsReady) ...; _client = client;' stores it too.
                if (StoredInLocal(creation) is { } staged && LocalStoredInInstanceMember(staged, creation.Root()) is { } stagedMember)
                {
                    if (!undisposedFields.ContainsKey(stagedMember)) undisposedFields[stagedMember] = creation;
                    continue;
                }

                // 'new Lazy<IHackleClient>(() => Create(k))' in a field, '_clients.GetOrAdd(t, k => Create(k))'.
                if (ClientHolders.HolderOf(creation, _type, _types) is { } holder)
                {
                    // A dictionary of a per-request type (a controller) is new per request, and so are its clients.
                    var typeKind = RequestContextClassifier.KindOfType(_type, _types);
                    if (typeKind != RequestContextKind.None) context.ReportDiagnostic(PerRequest(creation, typeKind, InjectionFix.None));
                    else if (!undisposedFields.ContainsKey(holder)) undisposedFields[holder] = creation;
                    continue;
                }

                var neverDisposed = StoredInLocal(creation) is { } local && ValueFate.OfCreation(creation, _types) == Fate.Dropped
                    ? Diagnostic.Create(
                        DiagnosticDescriptors.ClientNeverDisposed,
                        creation.Syntax.GetLocation(),
                        deferred ? s_decidedAtEnd : ImmutableDictionary<string, string?>.Empty,
                        local.Name)
                    : null;
                if (deferred)
                {
                    // A handler mapped from another type is known only at the end of the compilation; until
                    // then 'add using' would be the wrong advice.
                    _routeHandlers.Defer(creation, requestContext, neverDisposed);
                }
                else if (neverDisposed != null)
                {
                    context.ReportDiagnostic(neverDisposed);
                }
            }

            foreach (var member in undisposedFields.Keys)
            {
                var fate = _memberFates.TryGetValue(member, out var known) ? known : Fate.Dropped;
                if (fate != Fate.Dropped) continue;
                // A scoped or transient service must not dispose the client it got from HackleClient.Create: that is the
                // shared client of the key, and disposing it per scope is HKA101. Keeping it undisposed is right there.
                if (_scopedServices.MayBePerScopeService(_type, context.CancellationToken)) return;
                var disposable = _type.Implements(_types.Disposable) || _type.Implements(_types.AsyncDisposable);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticProperties.TypeIsDisposable, disposable ? "true" : "false")
                    .Add(DiagnosticProperties.HolderKind, ClientHolders.KindOf(MemberType(member), _types).ToString());
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ClientFieldNotDisposed,
                    member.Locations[0],
                    properties,
                    _type.Name,
                    member.Name,
                    disposable ? "never disposes it" : "does not implement IDisposable"));
            }
        }

        /// <summary>
        /// True when this type disposes the client it creates: a <c>using</c> or dispose of the local, or a dispose
        /// of the instance member the creation is stored in (and the member is not handed on).
        /// </summary>
        private bool IsDisposedByType(IOperation creation)
        {
            var member = StoredInInstanceMember(creation)
                ?? (StoredInLocal(creation) is { } staged ? LocalStoredInInstanceMember(staged, creation.Root()) : null);
            if (member != null) return _memberFates.TryGetValue(member, out var fate) && fate == Fate.Disposed;
            return ValueFate.OfCreation(creation, _types) == Fate.Disposed;
        }

        /// <summary>HKA101 at <paramref name="creation"/>, with the fix the code fix offers.</summary>
        public static Diagnostic PerRequest(IOperation creation, RequestContextKind kind, InjectionFix fix)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.InjectionFix, fix.ToString());
            return Diagnostic.Create(DiagnosticDescriptors.ClientCreatedPerRequest, creation.Syntax.GetLocation(), properties, RequestContext.Describe(kind));
        }

        /// <summary>The instance field or property of this type that a creation is stored in, if any.</summary>
        private ISymbol? StoredInInstanceMember(IOperation creation)
        {
            var top = creation.SkipToValueUse();
            ISymbol? member = top.Parent switch
            {
                IFieldInitializerOperation initializer when initializer.InitializedFields.Length == 1 => initializer.InitializedFields[0],
                IPropertyInitializerOperation initializer when initializer.InitializedProperties.Length == 1 => initializer.InitializedProperties[0],
                IAssignmentOperation assignment when assignment.Value == top && IsOnThis(assignment.Target) => assignment.Target.ReferencedStorage(),
                _ => null,
            };
            return member != null && !member.IsStatic && SymbolEqualityComparer.Default.Equals(member.ContainingType, _type)
                ? member.OriginalDefinition
                : null;
        }

        /// <summary>The instance member of this type that <paramref name="local"/> is assigned to, if any.</summary>
        private ISymbol? LocalStoredInInstanceMember(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && reference.SkipConversionsUp() is var top
                    && top.Parent is ISimpleAssignmentOperation assignment
                    && assignment.Value == top
                    && IsOnThis(assignment.Target)
                    && assignment.Target.ReferencedStorage() is { IsStatic: false } member
                    && SymbolEqualityComparer.Default.Equals(member.ContainingType, _type))
                {
                    return member.OriginalDefinition;
                }
            }
            return null;
        }

        private static ITypeSymbol? MemberType(ISymbol member) => member switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static bool IsOnThis(IOperation target) => target switch
        {
            IFieldReferenceOperation field => field.Instance is IInstanceReferenceOperation,
            IPropertyReferenceOperation property => property.Instance is IInstanceReferenceOperation,
            _ => false,
        };

        private static ILocalSymbol? StoredInLocal(IOperation creation)
        {
            var top = creation.SkipToValueUse();
            return top.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when !ValueFate.IsUsingDeclaration(declarator) => declarator.Symbol,
                ISimpleAssignmentOperation assignment when assignment.Value == top && assignment.Target is ILocalReferenceOperation local => local.Local,
                _ => null,
            };
        }
    }
}
