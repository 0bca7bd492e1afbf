using Hackle.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Hackle.Analyzers.Diagnostics
{
    /// <summary>Every diagnostic and suppression the Hackle analyzers report, in one place.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string Category = "HackleFlags.Usage";

        public static readonly DiagnosticDescriptor ClientCreatedPerRequest = Create(
            DiagnosticIds.ClientCreatedPerRequest,
            "Hackle client created per request",
            "The Hackle client is created {0}; create it once per process and take IHackleClient from dependency injection",
            DiagnosticSeverity.Warning,
            "A Hackle client owns the workspace snapshot and the event queue. Creating it in code that runs per request or per loop iteration re-creates that state and, when the client is disposed afterwards, closes the one shared client of the process.");

        public static readonly DiagnosticDescriptor ClientRegisteredPerRequest = Create(
            DiagnosticIds.ClientRegisteredPerRequest,
            "Hackle client registered with a per-request lifetime",
            "'{0}' registers the Hackle client as {1}; register it as a singleton",
            DiagnosticSeverity.Warning,
            "The container disposes scoped and transient services at the end of each scope, which closes the shared client after the first request. Register the client (or the factory that creates it) as a singleton.");

        public static readonly DiagnosticDescriptor ClientNeverDisposed = Create(
            DiagnosticIds.ClientNeverDisposed,
            "Hackle client never disposed",
            "The Hackle client in '{0}' is never disposed; buffered events are lost at exit",
            DiagnosticSeverity.Warning,
            "A locally created client that is neither disposed nor handed on drops the events it has buffered when the process exits. Declare it with 'using' or 'await using'.");

        public static readonly DiagnosticDescriptor ClientFieldNotDisposed = Create(
            DiagnosticIds.ClientFieldNotDisposed,
            "Type holding a created Hackle client does not dispose it",
            "'{0}' creates the Hackle client stored in '{1}' but {2}",
            DiagnosticSeverity.Warning,
            "A type that creates a client and keeps it in a field owns it: implement IDisposable (or IAsyncDisposable) and dispose the field there.");

        public static readonly DiagnosticDescriptor UseGeneratedAccessor = Create(
            DiagnosticIds.UseGeneratedAccessor,
            "Use the generated flag accessor",
            "{0} key {1} is '{2}' in the flag manifest; use the generated accessor '{3}'",
            DiagnosticSeverity.Info,
            "Generated accessors are checked by the compiler: a removed flag becomes a compile error and variations are an enum.");

        public static readonly DiagnosticDescriptor UnknownFlagKey = Create(
            DiagnosticIds.UnknownFlagKey,
            "Flag key not in the manifest",
            "{0} key {1} is not in the flag manifest '{2}'; the call always returns the default",
            DiagnosticSeverity.Warning,
            "A key the manifest does not know is either a typo or a flag that was deleted; the SDK then returns the default and reports a not-found reason.");

        public static readonly DiagnosticDescriptor UnknownVariation = Create(
            DiagnosticIds.UnknownVariation,
            "Variation key not in the experiment",
            "Experiment {0} ('{1}') has no variation '{2}' (it has {3})",
            DiagnosticSeverity.Warning,
            "Comparing a decided variation with a key the experiment does not have is always false, and a default variation the experiment does not have is never a real variation.");

        public static readonly DiagnosticDescriptor FinishedItemUsed = Create(
            DiagnosticIds.FinishedItemUsed,
            "Finished flag item used",
            "{0} {1} is {2}; remove this use",
            DiagnosticSeverity.Info,
            "With HackleFlags_FinishedItems=diagnostic, finished items are not [Obsolete], so finishing an experiment in the dashboard cannot break a build that treats warnings as errors; this info diagnostic marks each use to clean up instead.");

        public static readonly DiagnosticDescriptor FinishedItemCleanup = Create(
            DiagnosticIds.FinishedItemCleanup,
            "Finished experiment or flag can be cleaned up",
            "{0} {1} is {2}, so every user gets {3}: {4}",
            DiagnosticSeverity.Info,
            "A completed experiment decides its winner, a finished flag its final on/off and a remote-config parameter without target rules its default for every user, and no decision returns a dropped variation, so the other branches are dead code. The code fix (with Fix All, or 'dotnet format analyzers --diagnostics HKA110 --severity info') keeps the final value's code and deletes the rest.");

        public static readonly SuppressionDescriptor SuppressCa2000 = new SuppressionDescriptor(
            DiagnosticIds.SuppressCa2000,
            "CA2000",
            "The Hackle client is handed to AddHackle, which owns and disposes it");

        public static readonly SuppressionDescriptor SuppressIdisp001 = new SuppressionDescriptor(
            DiagnosticIds.SuppressIdisp001,
            "IDISP001",
            "The Hackle client is handed to AddHackle, which owns and disposes it");

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, string description) =>
            DescriptorFactory.Create(id, Category, severity, title, message, description);
    }
}
