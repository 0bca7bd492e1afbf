using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Hackle.Analyzers.Operations
{
    /// <summary>The compilation start every Hackle analyzer shares.</summary>
    internal static class AnalysisContextExtensions
    {
        /// <summary>
        /// Calls <paramref name="register"/> once per compilation that references Hackle.Runtime, with the known
        /// types resolved; other compilations cost one lookup. (Generated-code and concurrency settings stay in
        /// each analyzer's Initialize, where RS1025/RS1026 look for them.)
        /// </summary>
        public static void RegisterWhenRuntimeReferenced(this AnalysisContext context, Action<CompilationStartAnalysisContext, KnownTypes> register)
        {
            context.RegisterCompilationStartAction(start =>
            {
                var types = KnownTypes.Get(start.Compilation);
                if (types.IsRuntimeReferenced) register(start, types);
            });
        }
    }
}
