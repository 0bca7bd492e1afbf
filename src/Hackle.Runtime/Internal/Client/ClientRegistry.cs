using System;
using System.Collections.Generic;
using System.Threading;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// The live clients of this process, one per SDK key, and the one the generated accessors use
    /// (<see cref="HackleClient.Current"/>): the client scoped to the current async flow by a test
    /// (<see cref="Testing.HackleTestClient.UseAsCurrent"/>), else the most recently created client that is still open.
    /// </summary>
    internal static class ClientRegistry
    {
        private static readonly object s_lock = new object();
        private static readonly Dictionary<string, HackleClient> s_clients = new Dictionary<string, HackleClient>(StringComparer.Ordinal);
        private static volatile HackleClient? s_current;

        // The scoped clients flow with the async context, so parallel tests and their awaits each see their own.
        private static readonly AsyncLocal<IHackleClient?> s_scoped = new AsyncLocal<IHackleClient?>();

        // How many scopes are open in the whole process. While none is (every production process), Current is the
        // one volatile read it always was and never touches the execution context; AsyncLocal is read only in tests.
        private static int s_openScopes;

        /// <summary>
        /// The client of the current async flow's scope, else the current client, or null when none is open.
        /// One volatile read outside tests: accessors call it per decision.
        /// </summary>
        public static IHackleClient? Current => Volatile.Read(ref s_openScopes) == 0 ? s_current : s_scoped.Value ?? s_current;

        /// <summary>
        /// Makes <paramref name="client"/> current for this async flow (and the flows it starts) until the returned
        /// scope is disposed, which brings back the client that was scoped before (nesting works).
        /// </summary>
        public static IDisposable BeginScope(IHackleClient client)
        {
            var scope = new Scope(s_scoped.Value);
            // Count first: a reader that sees the new value must not skip the AsyncLocal read.
            Interlocked.Increment(ref s_openScopes);
            s_scoped.Value = client;
            return scope;
        }

        /// <summary>One open scope; disposing it twice is harmless.</summary>
        private sealed class Scope : IDisposable
        {
            private readonly IHackleClient? _previous;
            private int _disposed;

            public Scope(IHackleClient? previous) => _previous = previous;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
                s_scoped.Value = _previous;
                Interlocked.Decrement(ref s_openScopes);
            }
        }

        /// <summary>The live client of <paramref name="sdkKey"/>, or a new one from <paramref name="create"/>, which then becomes current.</summary>
        public static HackleClient GetOrCreate(string sdkKey, HackleClientOptions options, Func<string, HackleClientOptions, HackleClient> create)
        {
            lock (s_lock)
            {
                if (s_clients.TryGetValue(sdkKey, out var existing)) return existing;
                var client = create(sdkKey, options);
                s_clients[sdkKey] = client;
                s_current = client;
                return client;
            }
        }

        /// <summary>Forgets a closing client; if it was current, another open client (if any) takes its place.</summary>
        public static void Remove(string sdkKey, HackleClient client)
        {
            lock (s_lock)
            {
                if (s_clients.TryGetValue(sdkKey, out var registered) && ReferenceEquals(registered, client)) s_clients.Remove(sdkKey);
                if (!ReferenceEquals(s_current, client)) return;
                HackleClient? next = null;
                foreach (var live in s_clients.Values) next = live;
                s_current = next;
            }
        }
    }
}
