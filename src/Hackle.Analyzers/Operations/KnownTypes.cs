using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.Operations
{
    /// <summary>
    /// The types the analyzers look for, resolved by metadata name once per compilation and shared by
    /// every analyzer. Framework types that are absent (no ASP.NET Core, no Functions) stay null, so
    /// projects without them pay one failed lookup each.
    /// </summary>
    internal sealed class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, KnownTypes> s_cache = new ConditionalWeakTable<Compilation, KnownTypes>();
        private static readonly KnownTypes s_absent = new KnownTypes();

        private KnownTypes()
        {
            HackleClient = null!;
            ClientInterface = null!;
            FilterInterfaces = ImmutableArray<INamedTypeSymbol>.Empty;
        }

        private KnownTypes(Compilation compilation, INamedTypeSymbol client, INamedTypeSymbol clientInterface)
        {
            IsRuntimeReferenced = true;
            HackleClient = client;
            ClientInterface = clientInterface;
            ClientExtensions = compilation.GetTypeByMetadataName("Hackle.HackleClientExtensions");
            HackleUser = compilation.GetTypeByMetadataName("Hackle.HackleUser");

            ControllerBase = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
            ApiControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ApiControllerAttribute");
            ControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerAttribute");
            NonControllerAttribute = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
            PageModel = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            Page = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.Page");
            HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            Middleware = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IMiddleware");
            EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            Hub = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.SignalR.Hub");
            BindServiceMethodAttribute = compilation.GetTypeByMetadataName("Grpc.Core.BindServiceMethodAttribute");
            WorkerFunctionAttribute = compilation.GetTypeByMetadataName("Microsoft.Azure.Functions.Worker.FunctionAttribute");
            WebJobsFunctionNameAttribute = compilation.GetTypeByMetadataName("Microsoft.Azure.WebJobs.FunctionNameAttribute");

            var filters = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in s_filterInterfaceNames)
            {
                if (compilation.GetTypeByMetadataName(name) is { } filter) filters.Add(filter);
            }
            FilterInterfaces = filters.ToImmutable();

            ServiceDescriptor = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceDescriptor");
            ServiceLifetime = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.ServiceLifetime");
            ServiceCollection = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.IServiceCollection");

            Delegate = compilation.GetSpecialType(SpecialType.System_Delegate);
            Attribute = compilation.GetTypeByMetadataName("System.Attribute");
            Lazy = compilation.GetTypeByMetadataName("System.Lazy`1");
            LazyInitializer = compilation.GetTypeByMetadataName("System.Threading.LazyInitializer");
            Parallel = compilation.GetTypeByMetadataName("System.Threading.Tasks.Parallel");
            List = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
            ThreadingTimer = compilation.GetTypeByMetadataName("System.Threading.Timer");
            Enumerable = compilation.GetTypeByMetadataName("System.Linq.Enumerable");
            Disposable = compilation.GetSpecialType(SpecialType.System_IDisposable);
            AsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        }

        private static readonly string[] s_filterInterfaceNames =
        {
            "Microsoft.AspNetCore.Mvc.Filters.IActionFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncActionFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IResultFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncResultFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IResourceFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncResourceFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IExceptionFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncExceptionFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IPageFilter",
            "Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter",
            "Microsoft.AspNetCore.Http.IEndpointFilter",
        };

        /// <summary>False when the compilation does not reference Hackle.Runtime: every analyzer then stays silent.</summary>
        public bool IsRuntimeReferenced { get; }

        public INamedTypeSymbol HackleClient { get; }
        public INamedTypeSymbol ClientInterface { get; }
        public INamedTypeSymbol? ClientExtensions { get; }
        public INamedTypeSymbol? HackleUser { get; }

        public INamedTypeSymbol? ControllerBase { get; }
        public INamedTypeSymbol? ApiControllerAttribute { get; }
        public INamedTypeSymbol? ControllerAttribute { get; }
        public INamedTypeSymbol? NonControllerAttribute { get; }
        public INamedTypeSymbol? PageModel { get; }
        public INamedTypeSymbol? Page { get; }
        public INamedTypeSymbol? HttpContext { get; }
        public INamedTypeSymbol? Middleware { get; }
        public INamedTypeSymbol? EndpointRouteBuilder { get; }
        public INamedTypeSymbol? Hub { get; }
        public INamedTypeSymbol? BindServiceMethodAttribute { get; }
        public INamedTypeSymbol? WorkerFunctionAttribute { get; }
        public INamedTypeSymbol? WebJobsFunctionNameAttribute { get; }
        public ImmutableArray<INamedTypeSymbol> FilterInterfaces { get; }

        public INamedTypeSymbol? ServiceDescriptor { get; }
        public INamedTypeSymbol? ServiceLifetime { get; }
        public INamedTypeSymbol? ServiceCollection { get; }

        public INamedTypeSymbol? Delegate { get; }
        public INamedTypeSymbol? Attribute { get; }
        public INamedTypeSymbol? Lazy { get; }
        public INamedTypeSymbol? LazyInitializer { get; }
        public INamedTypeSymbol? Parallel { get; }
        public INamedTypeSymbol? List { get; }
        public INamedTypeSymbol? ThreadingTimer { get; }
        public INamedTypeSymbol? Enumerable { get; }
        public INamedTypeSymbol? Disposable { get; }
        public INamedTypeSymbol? AsyncDisposable { get; }

        /// <summary>The known types of <paramref name="compilation"/>, resolved on first use.</summary>
        public static KnownTypes Get(Compilation compilation) => s_cache.GetValue(compilation, Resolve);

        private static KnownTypes Resolve(Compilation compilation)
        {
            var client = compilation.GetTypeByMetadataName("Hackle.HackleClient");
            var clientInterface = compilation.GetTypeByMetadataName("Hackle.IHackleClient");
            return client is null || clientInterface is null ? s_absent : new KnownTypes(compilation, client, clientInterface);
        }

        /// <summary>True for <c>IHackleClient</c> and every type that implements it.</summary>
        public bool IsClientType(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (SymbolEqualityComparer.Default.Equals(type, ClientInterface)) return true;
            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, ClientInterface)) return true;
            }
            return false;
        }

        /// <summary>True when <paramref name="symbol"/> is declared in the Hackle runtime assembly.</summary>
        public bool IsInRuntime(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, ClientInterface.ContainingAssembly);
    }
}
