namespace Hackle.Analyzers.Tests.Infrastructure;

/// <summary>
/// The only look-alikes left: Azure Functions' two attributes (the analyzers recognise them by metadata
/// name and the Functions packages would add a large dependency graph for two attributes). ASP.NET Core,
/// SignalR, gRPC and the hosting package are the real assemblies (<see cref="TestReferences"/>).
/// </summary>
internal static class Stubs
{
    /// <summary>
    /// What Grpc.Tools generates for a Greeter service in a proto library, compiled against the real
    /// Grpc.Core.Api (this is user code, not a stand-in for a framework type).
    /// </summary>
    public const string GreeterProtoLibrary = """
        namespace Demo.Protos
        {
            public sealed class HelloRequest { }
            public sealed class HelloReply { }
            public static partial class Greeter
            {
                [global::Grpc.Core.BindServiceMethod(typeof(Greeter), "BindService")]
                public abstract partial class GreeterBase
                {
                    public virtual global::System.Threading.Tasks.Task<HelloReply> SayHello(HelloRequest request, global::Grpc.Core.ServerCallContext context)
                        => throw new global::Grpc.Core.RpcException(new global::Grpc.Core.Status(global::Grpc.Core.StatusCode.Unimplemented, ""));
                }
                public static global::Grpc.Core.ServerServiceDefinition BindService(GreeterBase serviceImpl)
                    => global::Grpc.Core.ServerServiceDefinition.CreateBuilder().Build();
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
}
