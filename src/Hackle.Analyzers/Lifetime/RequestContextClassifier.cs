using System.Linq;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// Decides whether a client creation runs per request or per loop iteration. It walks outwards from the
    /// creation through loops and lambdas, then looks at the member and type that contain it.
    /// </summary>
    internal static class RequestContextClassifier
    {
        /// <summary>Classifies <paramref name="creation"/>, found in the body or initializer of <paramref name="member"/>.</summary>
        public static RequestContext Classify(IOperation creation, ISymbol member, KnownTypes types)
        {
            // Past a local function or a deferred lambda, an enclosing loop no longer says how often the
            // creation runs (the delegate may run once, or never).
            var crossedFunction = false;
            IMethodSymbol? localFunction = null;
            IOperation current = creation;
            for (var parent = creation.Parent; parent != null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ILoopOperation loop when !crossedFunction && RunsPerIteration(loop, current):
                        if (!IsCreatedForReuse(creation, loop, types)) return new RequestContext(RequestContextKind.Loop, InjectionFix.None);
                        break;
                    case IAnonymousFunctionOperation lambda:
                        switch (LambdaRoles.Of(lambda, types))
                        {
                            case LambdaRole.RunsOnce when !crossedFunction && IsInstanceLazyOfPerRequestType(lambda, member, types, out var lazyKind):
                                // A Lazy<T> field of a per-request type is a new Lazy, and a new client, per request.
                                return new RequestContext(lazyKind, InjectionFix.None);
                            case LambdaRole.RunsOnce:
                                return RequestContext.None;
                            case LambdaRole.Callback when !IsCreatedForReuse(creation, lambda, types):
                                return new RequestContext(RequestContextKind.Callback, InjectionFix.None);
                            case LambdaRole.RouteHandler when !LazyStorage.FillsLongLivedStorage(creation, lambda, instanceStateIsPerRequest: false):
                                return new RequestContext(RequestContextKind.MinimalApi, InjectionFix.LambdaParameter);
                            case LambdaRole.RequestDelegate when !LazyStorage.FillsLongLivedStorage(creation, lambda, instanceStateIsPerRequest: false):
                                return new RequestContext(RequestContextKind.RequestDelegate, InjectionFix.None);
                            case LambdaRole.EndpointFilter when !LazyStorage.FillsLongLivedStorage(creation, lambda, instanceStateIsPerRequest: false):
                                return new RequestContext(RequestContextKind.EndpointFilter, InjectionFix.None);
                            case LambdaRole.LoopBody when !crossedFunction && !IsCreatedForReuse(creation, lambda, types):
                                return new RequestContext(RequestContextKind.Loop, InjectionFix.None);
                        }
                        crossedFunction = true;
                        break;
                    case ILocalFunctionOperation local:
                        localFunction ??= local.Symbol;
                        crossedFunction = true;
                        break;
                }
            }

            var kind = KindOfMember(member, types, out var instanceStateIsPerRequest);
            if (LazyStorage.FillsLongLivedStorage(creation, boundary: null, instanceStateIsPerRequest)) return RequestContext.None;
            if (kind == RequestContextKind.None)
            {
                // Still per request if the method turns out to be a route handler passed as a method group.
                var candidate = localFunction ?? member as IMethodSymbol;
                return candidate is null ? RequestContext.None : new RequestContext(RequestContextKind.None, InjectionFix.MethodParameter, candidate);
            }
            return new RequestContext(kind, FixFor(kind, member, types));
        }

        /// <summary>
        /// The kind of per-request context a member is; instance state is per request when the containing type
        /// itself is created per request (controllers, pages, hubs, gRPC services, IMiddleware, Function classes).
        /// </summary>
        public static RequestContextKind KindOfMember(ISymbol member, KnownTypes types, out bool instanceStateIsPerRequest)
        {
            var type = member.ContainingType;
            var typeKind = type is null ? RequestContextKind.None : KindOfType(type, types);
            instanceStateIsPerRequest = typeKind != RequestContextKind.None;
            if (member is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.StaticConstructor) return RequestContextKind.None;
                if (IsFunction(method, types)) return RequestContextKind.Function;
                if (IsMiddlewareInvoke(method, types)) return RequestContextKind.Middleware;
                if (IsFilterMethod(method, types)) return RequestContextKind.Filter;
            }
            return member.IsStatic ? RequestContextKind.None : typeKind;
        }

        /// <summary>The kind of a type whose instances live for one request (or invocation), or None.</summary>
        public static RequestContextKind KindOfType(INamedTypeSymbol type, KnownTypes types)
        {
            if (types.ControllerBase != null || types.ApiControllerAttribute != null || types.ControllerAttribute != null)
            {
                var isController = type.InheritsFrom(types.ControllerBase)
                    || type.HasAttributeInHierarchy(types.ApiControllerAttribute)
                    || type.HasAttributeInHierarchy(types.ControllerAttribute);
                // MVC also discovers POCO controllers by name: public, non-abstract, non-generic, '…Controller'.
                isController = isController
                    || (type.DeclaredAccessibility == Accessibility.Public && !type.IsAbstract && !type.IsGenericType && !type.IsStatic
                        && type.TypeKind == TypeKind.Class && type.Name.EndsWith("Controller", System.StringComparison.Ordinal));
                if (isController && !type.HasAttributeInHierarchy(types.NonControllerAttribute)) return RequestContextKind.Controller;
            }
            if (type.InheritsFrom(types.PageModel) || type.InheritsFrom(types.Page)) return RequestContextKind.RazorPage;
            if (type.InheritsFrom(types.Hub)) return RequestContextKind.Hub;
            if (type.BaseType != null && type.BaseType.HasAttributeInHierarchy(types.BindServiceMethodAttribute)) return RequestContextKind.Grpc;
            if (type.Implements(types.Middleware)) return RequestContextKind.Middleware;
            if ((types.WorkerFunctionAttribute != null || types.WebJobsFunctionNameAttribute != null)
                && type.GetMembers().OfType<IMethodSymbol>().Any(m => !m.IsStatic && IsFunction(m, types)))
            {
                return RequestContextKind.Function;
            }
            return RequestContextKind.None;
        }

        private static bool IsFunction(IMethodSymbol method, KnownTypes types) =>
            method.HasAttribute(types.WorkerFunctionAttribute) || method.HasAttribute(types.WebJobsFunctionNameAttribute);

        /// <summary>Convention middleware (Invoke/InvokeAsync taking HttpContext first) and IMiddleware.InvokeAsync.</summary>
        private static bool IsMiddlewareInvoke(IMethodSymbol method, KnownTypes types) =>
            types.HttpContext != null
            && !method.IsStatic
            && (method.Name == "Invoke" || method.Name == "InvokeAsync")
            && method.Parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, types.HttpContext);

        private static bool IsFilterMethod(IMethodSymbol method, KnownTypes types)
        {
            if (method.IsStatic || types.FilterInterfaces.IsEmpty) return false;
            var type = method.ContainingType;
            foreach (var filter in types.FilterInterfaces)
            {
                if (!type.Implements(filter)) continue;
                foreach (var member in filter.GetMembers())
                {
                    // An override of a filter base class's virtual method implements the interface through the base.
                    var implementation = type.FindImplementationForInterfaceMember(member);
                    for (var candidate = method; candidate != null; candidate = candidate.OverriddenMethod)
                    {
                        if (SymbolEqualityComparer.Default.Equals(implementation, candidate)) return true;
                    }
                }
            }
            return false;
        }

        private static bool IsInstanceLazyOfPerRequestType(IAnonymousFunctionOperation lambda, ISymbol member, KnownTypes types, out RequestContextKind kind)
        {
            kind = RequestContextKind.None;
            if (!(lambda.SkipConversionsUp().Parent is IDelegateCreationOperation delegateCreation)
                || !(delegateCreation.SkipConversionsUp().Parent is IArgumentOperation { Parent: IObjectCreationOperation lazy })
                || !lazy.Type.InheritsFrom(types.Lazy))
            {
                return false;
            }
            var top = lazy.SkipConversionsUp();
            var storage = top.Parent switch
            {
                IFieldInitializerOperation initializer when initializer.InitializedFields.Length == 1 => initializer.InitializedFields[0],
                IPropertyInitializerOperation initializer when initializer.InitializedProperties.Length == 1 => initializer.InitializedProperties[0],
                ISimpleAssignmentOperation assignment when assignment.Value == top => assignment.Target.ReferencedStorage(),
                _ => null,
            };
            if (!(storage is IFieldSymbol || storage is IPropertySymbol) || storage.IsStatic) return false;
            kind = member.ContainingType is { } type ? KindOfType(type, types) : RequestContextKind.None;
            return kind != RequestContextKind.None;
        }

        private static bool RunsPerIteration(ILoopOperation loop, IOperation child) => loop switch
        {
            IForEachLoopOperation forEach => child != forEach.Collection,
            IForLoopOperation forLoop => !forLoop.Before.Contains(child),
            _ => true,
        };

        /// <summary>
        /// In a loop, a client that outlives its iteration (stored, added to a collection, returned, assigned
        /// to a variable declared outside the loop) is being created for reuse, e.g. one client per tenant at
        /// startup, or a fail-over loop that tries keys until one client is ready and breaks.
        /// </summary>
        private static bool IsCreatedForReuse(IOperation creation, IOperation loop, KnownTypes types) =>
            LazyStorage.FillsLongLivedStorage(creation, loop, instanceStateIsPerRequest: false)
            || LazyStorage.AssignsOuterVariable(creation, loop)
            || ValueFate.OfCreation(creation, types) == Fate.Escapes;

        private static InjectionFix FixFor(RequestContextKind kind, ISymbol member, KnownTypes types)
        {
            var type = member.ContainingType;
            if (type is null || type.TypeKind != TypeKind.Class || type.InheritsFrom(types.Attribute) || member.IsStatic)
            {
                return InjectionFix.None;
            }
            switch (member)
            {
                case IMethodSymbol { MethodKind: MethodKind.Constructor }:
                    return InjectionFix.ConstructorParameter;
                case IFieldSymbol _:
                case IPropertySymbol _:
                    return InjectionFix.AssignInConstructor;
                default:
                    return kind == RequestContextKind.Loop ? InjectionFix.None : InjectionFix.FieldFromConstructor;
            }
        }
    }
}
