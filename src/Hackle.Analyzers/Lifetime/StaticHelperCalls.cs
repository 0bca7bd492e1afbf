using System.Collections.Concurrent;
using System.Collections.Generic;
using Hackle.Analyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Hackle.Analyzers.Lifetime
{
    /// <summary>
    /// Calls from a per-request type's members to its own static methods (a controller's private static
    /// helper called by actions), so that a creation in such a helper counts as per request. Calls between
    /// static helpers are followed; calls from other types are not.
    /// </summary>
    internal sealed class StaticHelperCalls
    {
        private readonly INamedTypeSymbol _type;
        private readonly KnownTypes _types;
        private readonly ConcurrentDictionary<IMethodSymbol, RequestContextKind> _calledPerRequest =
            new ConcurrentDictionary<IMethodSymbol, RequestContextKind>(SymbolEqualityComparer.Default);
        private readonly ConcurrentBag<(IMethodSymbol Caller, IMethodSymbol Callee)> _helperToHelper = new ConcurrentBag<(IMethodSymbol, IMethodSymbol)>();
        private Dictionary<IMethodSymbol, RequestContextKind>? _closure;

        public StaticHelperCalls(INamedTypeSymbol type, KnownTypes types)
        {
            _type = type;
            _types = types;
        }

        /// <summary>Records a call of one of the type's static methods, with the member it is made from.</summary>
        public void OnInvocation(IInvocationOperation invocation, ISymbol caller)
        {
            var callee = invocation.TargetMethod.OriginalDefinition;
            if (!callee.IsStatic || callee.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(callee.ContainingType, _type)) return;
            var kind = RequestContextClassifier.KindOfMember(caller, _types, out _);
            if (kind != RequestContextKind.None) _calledPerRequest.TryAdd(callee, kind);
            else if (caller is IMethodSymbol { IsStatic: true } staticCaller) _helperToHelper.Add((staticCaller.OriginalDefinition, callee));
        }

        /// <summary>The per-request kind of the code that calls <paramref name="helper"/> (directly or through other static helpers), or None.</summary>
        public RequestContextKind PerRequestKindOf(IMethodSymbol helper)
        {
            var closure = _closure ??= Close();
            return closure.TryGetValue(helper.OriginalDefinition, out var kind) ? kind : RequestContextKind.None;
        }

        private Dictionary<IMethodSymbol, RequestContextKind> Close()
        {
            var result = new Dictionary<IMethodSymbol, RequestContextKind>(SymbolEqualityComparer.Default);
            foreach (var pair in _calledPerRequest) result[pair.Key] = pair.Value;
            var edges = new List<(IMethodSymbol Caller, IMethodSymbol Callee)>(_helperToHelper);
            for (var changed = result.Count > 0; changed;)
            {
                changed = false;
                foreach (var (caller, callee) in edges)
                {
                    if (result.TryGetValue(caller, out var kind) && !result.ContainsKey(callee))
                    {
                        result[callee] = kind;
                        changed = true;
                    }
                }
            }
            return result;
        }
    }
}
