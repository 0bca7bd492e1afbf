using System.Collections.Immutable;
using System.Linq;
using Hackle.Analyzers.Diagnostics;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Registration
{
    /// <summary>
    /// HKA102: the client registered as scoped or transient (AddScoped/AddTransient, TryAdd*, keyed forms,
    /// ServiceDescriptor factories and a constant ServiceLifetime argument), or a factory creating one registered so.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ServiceLifetimeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property value telling the code fix to replace a ServiceLifetime argument rather than a method name.</summary>
        internal const string LifetimeArgument = "ServiceLifetime.Singleton";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.ClientRegisteredPerRequest);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterWhenRuntimeReferenced((start, types) =>
            {
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
                if (types.ServiceDescriptor != null) start.RegisterOperationAction(c => AnalyzeDescriptorCreation(c, types), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!ServiceRegistrations.IsRegistration(method, types) || ServiceRegistrations.IsHackleRegistration(method)) return;
            if (!RegistersClient(method, invocation.Arguments, types, out var factory)) return;

            var lifetime = ServiceRegistrations.LifetimeInName(method.Name);
            if (lifetime == "Scoped" || lifetime == "Transient")
            {
                var replacement = method.Name.Substring(0, method.Name.Length - lifetime.Length) + "Singleton";
                Report(context, NameLocation(invocation), method.Name, lifetime, replacement, factory);
                return;
            }
            if (method.Name == "Describe") ReportLifetimeArgument(context, method.Name, invocation.Arguments, types, factory);
        }

        private static void AnalyzeDescriptorCreation(OperationAnalysisContext context, KnownTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is null || !SymbolEqualityComparer.Default.Equals(creation.Type, types.ServiceDescriptor)) return;
            if (RegistersClient(creation.Constructor, creation.Arguments, types, out var factory))
            {
                ReportLifetimeArgument(context, "ServiceDescriptor", creation.Arguments, types, factory);
            }
        }

        /// <summary>True when the service or implementation type is a client type, or a factory argument creates a client.</summary>
        private static bool RegistersClient(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, KnownTypes types, out FactoryFacts factory)
        {
            factory = default;
            var registersClientType = method.TypeArguments.Any(types.IsClientType);
            foreach (var argument in arguments)
            {
                var value = argument.Value.SkipConversionsDown();
                if (value is ITypeOfOperation typeOf && types.IsClientType(typeOf.TypeOperand)) registersClientType = true;
                if (value is IDelegateCreationOperation delegateCreation
                    && delegateCreation.Descendants().FirstOrDefault(o => ClientCreation.IsCreation(o, types) && !InCacheFactory(o, delegateCreation, types)) is { } created)
                {
                    factory = new FactoryFacts(created, ResolvesServices(delegateCreation));
                }
            }
            if (factory.Creation != null && registersClientType) factory = new FactoryFacts(factory.Creation, resolvesServices: factory.ResolvesServices, wrapsClient: false);
            return registersClientType || factory.Creation != null;
        }

        /// <summary>
        /// True when the factory resolves other services (<c>sp.GetRequiredService&lt;IUserContext&gt;()</c>): they
        /// may be scoped, so making the registration a singleton could capture them for the process.
        /// </summary>
        private static bool ResolvesServices(IOperation factory) => factory.Descendants().Any(o =>
            o is IInvocationOperation invocation
            && invocation.TargetMethod.Name.StartsWith("Get", System.StringComparison.Ordinal)
            && invocation.TargetMethod.Name.IndexOf("Service", System.StringComparison.Ordinal) > 0
            && (invocation.TargetMethod.IsInNamespace("Microsoft.Extensions.DependencyInjection") || invocation.TargetMethod.ContainingType?.Name == "IServiceProvider"));

        /// <summary>What the registration's factory does: the client it creates, and whether it also resolves services.</summary>
        private readonly struct FactoryFacts
        {
            public FactoryFacts(IOperation creation, bool resolvesServices, bool wrapsClient = true)
            {
                Creation = creation;
                ResolvesServices = resolvesServices;
                WrapsClient = wrapsClient;
            }

            public IOperation? Creation { get; }

            public bool ResolvesServices { get; }

            /// <summary>True when the registered service is another type (a wrapper) that the factory gives a new client.</summary>
            public bool WrapsClient { get; }
        }

        /// <summary>
        /// True when <paramref name="creation"/> sits in a cache or Lazy factory inside the registration's
        /// factory (<c>s_clients.GetOrAdd(tenant, k =&gt; HackleClient.Create(k))</c>): the client is created once
        /// and shared, and the scoped service only reads it.
        /// </summary>
        private static bool InCacheFactory(IOperation creation, IOperation factory, KnownTypes types)
        {
            for (var current = creation.Parent; current != null && current != factory; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation lambda && lambda.Parent != factory
                    && Lifetime.LambdaRoles.Of(lambda, types) == Lifetime.LambdaRole.RunsOnce)
                {
                    return true;
                }
            }
            return false;
        }

        private static void ReportLifetimeArgument(OperationAnalysisContext context, string name, ImmutableArray<IArgumentOperation> arguments, KnownTypes types, FactoryFacts factory)
        {
            foreach (var argument in arguments)
            {
                var value = argument.Value.SkipConversionsDown();
                if (!SymbolEqualityComparer.Default.Equals(value.Type, types.ServiceLifetime) || !value.ConstantValue.HasValue) continue;
                // ServiceLifetime: Singleton = 0, Scoped = 1, Transient = 2.
                var lifetime = value.ConstantValue.Value is int number ? number : 0;
                if (lifetime == 1 || lifetime == 2)
                {
                    Report(context, argument.Value.Syntax.GetLocation(), name, lifetime == 1 ? "Scoped" : "Transient", LifetimeArgument, factory);
                }
            }
        }

        private static void Report(OperationAnalysisContext context, Location location, string name, string lifetime, string replacement, FactoryFacts factory)
        {
            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.SingletonReplacement, replacement);
            var additional = Enumerable.Empty<Location>();
            if (factory.Creation != null && factory.ResolvesServices)
            {
                // A singleton would capture what the factory resolves; the client is to be injected instead, which
                // makes sense only for a wrapper type (injecting the client into its own registration would loop).
                properties = properties.Add(DiagnosticProperties.ResolvesServices, factory.WrapsClient ? "wrapper" : "client");
                additional = new[] { factory.Creation.Syntax.GetLocation() };
            }
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ClientRegisteredPerRequest, location, additional, properties, name, lifetime.ToLowerInvariant()));
        }

        /// <summary>The method name token of the call (<c>AddScoped</c> in <c>services.AddScoped&lt;T&gt;()</c>).</summary>
        private static Location NameLocation(IInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                var name = syntax.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name,
                    SimpleNameSyntax simple => simple,
                    _ => null,
                };
                if (name != null) return name.Identifier.GetLocation();
            }
            return invocation.Syntax.GetLocation();
        }
    }
}
