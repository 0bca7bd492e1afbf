using System;
using System.Collections.Generic;

namespace Hackle.Internal.Client
{
    /// <summary>
    /// The live clients of this process, one per SDK key, and the one the generated accessors use
    /// (<see cref="HackleClient.Current"/>): the most recently created client that is still open.
    /// </summary>
    internal static class ClientRegistry
    {
        private static readonly object s_lock = new object();
        private static readonly Dictionary<string, HackleClient> s_clients = new Dictionary<string, HackleClient>(StringComparer.Ordinal);
        private static volatile HackleClient? s_current;

        /// <summary>The current client, or null when none is open. One volatile read: accessors call it per decision.</summary>
        public static HackleClient? Current => s_current;

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
