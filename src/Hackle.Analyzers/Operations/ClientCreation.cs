using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Operations
{
    /// <summary>Recognises the operations that create a Hackle client.</summary>
    internal static class ClientCreation
    {
        /// <summary>
        /// True for a static factory on <c>HackleClient</c> that returns a client (<c>HackleClient.Create</c>)
        /// and for <c>new</c> of a concrete client type declared in the runtime. User-written factories and
        /// test doubles are deliberately not creations: who owns their result is not visible here.
        /// </summary>
        public static bool IsCreation(IOperation operation, KnownTypes types)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    return method.IsStatic
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, types.HackleClient)
                        && types.IsClientType(method.ReturnType);
                case IObjectCreationOperation creation:
                    return creation.Type is { IsAbstract: false } type
                        && types.IsClientType(type)
                        && types.IsInRuntime(type);
                default:
                    return false;
            }
        }
    }
}
