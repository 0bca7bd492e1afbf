using Hackle.Analyzers.Lifetime;

namespace Hackle.Analyzers.Diagnostics
{
    /// <summary>Keys of the properties that diagnostics pass to their code fixes.</summary>
    internal static class DiagnosticProperties
    {
        /// <summary>HKA101: the <see cref="InjectionFix"/> that applies.</summary>
        public const string InjectionFix = "InjectionFix";

        /// <summary>HKA102: the lifetime-neutral replacement (method name, or "Singleton" for a ServiceLifetime value).</summary>
        public const string SingletonReplacement = "SingletonReplacement";

        /// <summary>
        /// HKA103: "true" when the diagnostic was decided at the end of the compilation (a web project's
        /// non-private method that might have been mapped as a handler); code fixes are not offered for it.
        /// </summary>
        public const string DecidedAtCompilationEnd = "DecidedAtCompilationEnd";

        /// <summary>HKA104: "true" when the type already implements IDisposable.</summary>
        public const string TypeIsDisposable = "TypeIsDisposable";

        /// <summary>
        /// HKA102: set when the registration's factory also resolves services, so a singleton could capture a scoped
        /// one: "wrapper" when another type is registered (the client can be injected into it), "client" otherwise.
        /// The factory's client creation is the diagnostic's first additional location.
        /// </summary>
        public const string ResolvesServices = "ResolvesServices";

        /// <summary>HKA104: the <see cref="Lifetime.HolderKind"/> of the member (None: the member is the client).</summary>
        public const string HolderKind = "HolderKind";

        /// <summary>HKA106: the generated accessor class, e.g. "Experiments.Checkout".</summary>
        public const string AccessorType = "AccessorType";

        /// <summary>HKA106: the generated accessor method, "Variation" or "IsOn".</summary>
        public const string AccessorMethod = "AccessorMethod";
    }
}
