namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>
/// Minimal look-alikes of the framework types the analyzers recognise by metadata name. They stand in for
/// the ASP.NET Core, SignalR, gRPC and Functions packages so the tests need no framework pack.
/// </summary>
internal static class Stubs
{
    public const string AspNetCore = """
        namespace Microsoft.AspNetCore.Http
        {
            public abstract class HttpContext { public System.IServiceProvider RequestServices { get; set; } = null!; }
            public delegate System.Threading.Tasks.Task RequestDelegate(HttpContext context);
            public interface IMiddleware { System.Threading.Tasks.Task InvokeAsync(HttpContext context, RequestDelegate next); }
            public interface IResult { }
            public static class Results { public static IResult Ok(object? value = null) => null!; }
        }
        namespace Microsoft.AspNetCore.Routing
        {
            public interface IEndpointRouteBuilder { }
        }
        namespace Microsoft.AspNetCore.Builder
        {
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Routing;
            public sealed class WebApplication : IEndpointRouteBuilder
            {
                public static WebApplication Create() => new WebApplication();
                public void Run(RequestDelegate handler) { }
                public void Use(System.Func<HttpContext, RequestDelegate, System.Threading.Tasks.Task> middleware) { }
            }
            public sealed class RouteHandlerBuilder { }
            public static class EndpointRouteBuilderExtensions
            {
                public static RouteHandlerBuilder MapGet(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => new RouteHandlerBuilder();
                public static RouteHandlerBuilder MapPost(this IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => new RouteHandlerBuilder();
                public static RouteHandlerBuilder Map(this IEndpointRouteBuilder endpoints, string pattern, RequestDelegate handler) => new RouteHandlerBuilder();
            }
        }
        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }
            public sealed class OkResult : IActionResult { }
            public abstract class ControllerBase { public IActionResult Ok() => new OkResult(); }
            public abstract class Controller : ControllerBase { }
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Assembly)]
            public sealed class ApiControllerAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ControllerAttribute : System.Attribute { }
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class NonControllerAttribute : System.Attribute { }
        }
        namespace Microsoft.AspNetCore.Mvc.Filters
        {
            public sealed class ActionExecutingContext { }
            public sealed class ActionExecutedContext { }
            public interface IActionFilter
            {
                void OnActionExecuting(ActionExecutingContext context);
                void OnActionExecuted(ActionExecutedContext context);
            }
            public abstract class ActionFilterAttribute : System.Attribute, IActionFilter
            {
                public virtual void OnActionExecuting(ActionExecutingContext context) { }
                public virtual void OnActionExecuted(ActionExecutedContext context) { }
            }
        }
        namespace Microsoft.AspNetCore.Mvc.RazorPages
        {
            public abstract class PageModel { }
        }
        namespace Microsoft.AspNetCore.SignalR
        {
            public abstract class Hub { }
            public abstract class Hub<T> : Hub where T : class { }
        }
        """;

    public const string Grpc = """
        namespace Grpc.Core
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class BindServiceMethodAttribute : System.Attribute
            {
                public BindServiceMethodAttribute(System.Type bindType, string bindMethodName) { }
            }
            public abstract class ServerCallContext { }
        }
        namespace Demo.Protos
        {
            public sealed class HelloRequest { }
            public sealed class HelloReply { }
            public static class Greeter
            {
                [Grpc.Core.BindServiceMethod(typeof(Greeter), "BindService")]
                public abstract class GreeterBase
                {
                    public virtual System.Threading.Tasks.Task<HelloReply> SayHello(HelloRequest request, Grpc.Core.ServerCallContext context) => null!;
                }
            }
        }
        """;

    public const string Functions = """
        namespace Microsoft.Azure.Functions.Worker
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionAttribute : System.Attribute { public FunctionAttribute(string name) { } }
        }
        namespace Microsoft.Azure.WebJobs
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class FunctionNameAttribute : System.Attribute { public FunctionNameAttribute(string name) { } }
        }
        """;

    /// <summary>The hosting package's registration, recognised by name (the analyzers hold no reference to it).</summary>
    public const string Hosting = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class HackleServiceCollectionExtensions
            {
                public static IServiceCollection AddHackle(this IServiceCollection services, Hackle.IHackleClient client) => services;
                public static IServiceCollection AddHackle(this IServiceCollection services, string sdkKey) => services;
            }
        }
        """;
}
