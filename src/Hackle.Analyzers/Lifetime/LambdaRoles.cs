using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>What the code that receives a lambda does with it, as far as how often it runs.</summary>
    internal enum LambdaRole
    {
        /// <summary>Stored or run later, an unknown number of times: transparent for the context walk.</summary>
        Deferred,

        /// <summary>A minimal-API route handler (the Delegate argument of a Map* call).</summary>
        RouteHandler,

        /// <summary>A request delegate or inline middleware (first parameter HttpContext).</summary>
        RequestDelegate,

        /// <summary>An inline endpoint filter (AddEndpointFilter): runs on every request to the endpoint.</summary>
        EndpointFilter,

        /// <summary>Runs once, or once per cache key: Lazy, LazyInitializer, GetOrAdd/GetOrCreate, DI factories.</summary>
        RunsOnce,

        /// <summary>The body of Parallel.For/ForEach, List/Array.ForEach or of a LINQ operator: runs per element.</summary>
        LoopBody,

        /// <summary>A timer callback or an event handler (<c>+=</c>): runs per tick or per event.</summary>
        Callback,
    }

    /// <summary>Classifies lambdas by the call they are passed to.</summary>
    internal static class LambdaRoles
    {
        /// <summary>The role of <paramref name="lambda"/>.</summary>
        public static LambdaRole Of(IAnonymousFunctionOperation lambda, KnownTypes types)
        {
            // A Map* handler bound as Delegate is a route handler even when it takes HttpContext first: minimal
            // APIs bind its other parameters from DI, so the client can be injected there.
            if (lambda.SkipConversionsUp().Parent is IDelegateCreationOperation { } mapped
                && mapped.SkipConversionsUp().Parent is IArgumentOperation { Parent: IInvocationOperation mapCall } mapArgument
                && SymbolEqualityComparer.Default.Equals(mapArgument.Parameter?.Type, types.Delegate)
                && IsRouteHandlerArgument(mapCall.TargetMethod, mapArgument, types))
            {
                return LambdaRole.RouteHandler;
            }
            var parameters = lambda.Symbol.Parameters;
            if (types.HttpContext != null && parameters.Length > 0
                && SymbolEqualityComparer.Default.Equals(parameters[0].Type, types.HttpContext))
            {
                return LambdaRole.RequestDelegate;
            }

            if (!(lambda.SkipConversionsUp().Parent is IDelegateCreationOperation delegateCreation)) return LambdaRole.Deferred;
            if (delegateCreation.SkipConversionsUp().Parent is IEventAssignmentOperation { Adds: true }) return LambdaRole.Callback;
            if (!(delegateCreation.SkipConversionsUp().Parent is IArgumentOperation argument))
            {
                return IsMappedThroughLocal(delegateCreation, types) ? LambdaRole.RouteHandler : LambdaRole.Deferred;
            }

            switch (argument.Parent)
            {
                case IObjectCreationOperation creation when creation.Type is INamedTypeSymbol type && type.InheritsFrom(types.Lazy):
                    return LambdaRole.RunsOnce;
                case IObjectCreationOperation creation when creation.Type.InheritsFrom(types.ServiceDescriptor):
                    return LambdaRole.RunsOnce;
                case IObjectCreationOperation creation when creation.Type.InheritsFrom(types.ThreadingTimer):
                    return LambdaRole.Callback;
                case IInvocationOperation invocation:
                    return OfArgument(invocation, argument, types);
                default:
                    return LambdaRole.Deferred;
            }
        }

        private static LambdaRole OfArgument(IInvocationOperation invocation, IArgumentOperation argument, KnownTypes types)
        {
            var method = invocation.TargetMethod;
            if (IsRouteHandlerArgument(method, argument, types)) return LambdaRole.RouteHandler;
            if (IsEndpointFilterArgument(method, types)) return LambdaRole.EndpointFilter;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.LazyInitializer)) return LambdaRole.RunsOnce;
            switch (method.Name)
            {
                case "GetOrAdd":
                case "AddOrUpdate":
                case "GetOrCreate":
                case "GetOrCreateAsync":
                    return LambdaRole.RunsOnce;
            }
            // DI factories: the lifetime decides how often they run, and HKA102 reports the wrong ones.
            if (ServiceRegistrations.IsRegistration(method, types)) return LambdaRole.RunsOnce;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Parallel)
                || SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable)
                || (method.Name == "ForEach" && (method.ContainingType.InheritsFrom(types.List) || method.ContainingType.SpecialType == SpecialType.System_Array)))
            {
                return LambdaRole.LoopBody;
            }
            return LambdaRole.Deferred;
        }

        /// <summary>
        /// True when <paramref name="argument"/> is the handler of a Map* extension on IEndpointRouteBuilder:
        /// a parameter of type Delegate, or of a delegate type taking HttpContext first (RequestDelegate).
        /// </summary>
        public static bool IsRouteHandlerArgument(IMethodSymbol method, IArgumentOperation argument, KnownTypes types)
        {
            if (types.EndpointRouteBuilder is null || !method.Name.StartsWith("Map", System.StringComparison.Ordinal)) return false;
            if (!method.IsExtensionMethod || method.Parameters.Length == 0 || !method.Parameters[0].Type.Implements(types.EndpointRouteBuilder)) return false;
            var parameterType = argument.Parameter?.Type;
            if (SymbolEqualityComparer.Default.Equals(parameterType, types.Delegate)) return true;
            return parameterType is INamedTypeSymbol { DelegateInvokeMethod: { Parameters: { Length: > 0 } invokeParameters } }
                && SymbolEqualityComparer.Default.Equals(invokeParameters[0].Type, types.HttpContext);
        }

        /// <summary>
        /// True when <paramref name="delegateCreation"/> (a lambda or method group) is stored in a local that is
        /// then passed as a route handler: <c>Func&lt;string, string&gt; h = ...; app.MapGet("/x", h);</c>.
        /// </summary>
        public static bool IsMappedThroughLocal(IOperation delegateCreation, KnownTypes types)
        {
            if (types.EndpointRouteBuilder is null) return false;
            var top = delegateCreation.SkipConversionsUp();
            ILocalSymbol? local = top.Parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == top => target.Local,
                _ => null,
            };
            if (local is null) return false;
            foreach (var reference in delegateCreation.Root().Descendants())
            {
                if (reference is ILocalReferenceOperation read
                    && SymbolEqualityComparer.Default.Equals(read.Local, local)
                    && read.SkipConversionsUp().Parent is IArgumentOperation { Parent: IInvocationOperation invocation } argument
                    && IsRouteHandlerArgument(invocation.TargetMethod, argument, types))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>True for ASP.NET Core's <c>AddEndpointFilter(builder, (context, next) =&gt; ...)</c>.</summary>
        private static bool IsEndpointFilterArgument(IMethodSymbol method, KnownTypes types) =>
            types.EndpointRouteBuilder != null
            && method.Name == "AddEndpointFilter"
            && method.IsExtensionMethod
            && method.IsInNamespace("Microsoft.AspNetCore.Http");
    }
}
