using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>Where a client creation runs, as far as its lifetime is concerned.</summary>
    internal enum RequestContextKind
    {
        None,
        Controller,
        RazorPage,
        MinimalApi,
        RequestDelegate,
        Middleware,
        Hub,
        Grpc,
        Function,
        Filter,
        EndpointFilter,
        Loop,
        Callback,
        ScopedService,
        TransientService,
    }

    /// <summary>How the HKA101 code fix can take the client from dependency injection.</summary>
    internal enum InjectionFix
    {
        /// <summary>No mechanical fix (loops, static Functions, attribute filters, request delegates).</summary>
        None,

        /// <summary>The creation is in a constructor: add a constructor parameter and use it.</summary>
        ConstructorParameter,

        /// <summary>Add a readonly field assigned from a new constructor parameter and use the field.</summary>
        FieldFromConstructor,

        /// <summary>The creation initialises a field or property: assign it from a constructor parameter instead.</summary>
        AssignInConstructor,

        /// <summary>Add a parameter to the minimal-API handler lambda and use it.</summary>
        LambdaParameter,

        /// <summary>Add a parameter to the handler method (or local function) and use it.</summary>
        MethodParameter,
    }

    /// <summary>The classification of one creation: the context that makes it per-request, if any.</summary>
    internal readonly struct RequestContext
    {
        public RequestContext(RequestContextKind kind, InjectionFix fix, IMethodSymbol? pendingHandler = null)
        {
            Kind = kind;
            Fix = fix;
            PendingHandler = pendingHandler;
        }

        public RequestContextKind Kind { get; }

        public InjectionFix Fix { get; }

        /// <summary>
        /// Set when the creation is per-request only if this method turns out to be a minimal-API handler
        /// passed as a method group; that is known once the whole containing type has been seen.
        /// </summary>
        public IMethodSymbol? PendingHandler { get; }

        public static RequestContext None => default;

        /// <summary>The "{0}" of the HKA101 message.</summary>
        public static string Describe(RequestContextKind kind) => kind switch
        {
            RequestContextKind.Controller => "in an MVC controller",
            RequestContextKind.RazorPage => "in a Razor Page model",
            RequestContextKind.MinimalApi => "in a minimal-API handler",
            RequestContextKind.RequestDelegate => "in a request delegate",
            RequestContextKind.Middleware => "in middleware",
            RequestContextKind.Hub => "in a SignalR hub",
            RequestContextKind.Grpc => "in a gRPC service",
            RequestContextKind.Function => "in an Azure Function",
            RequestContextKind.Filter => "in an MVC filter",
            RequestContextKind.EndpointFilter => "in an endpoint filter",
            RequestContextKind.Loop => "inside a loop",
            RequestContextKind.Callback => "in a timer or event callback",
            RequestContextKind.ScopedService => "and disposed in a scoped service (once per scope, closing the shared client)",
            RequestContextKind.TransientService => "and disposed in a transient service (once per resolution, closing the shared client)",
            _ => "per request",
        };
    }
}
