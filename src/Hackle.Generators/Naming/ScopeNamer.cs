using System;
using System.Collections.Generic;
using Hackle.Generators.Model;

namespace Hackle.Generators.Naming
{
    /// <summary>
    /// Gives every item of one scope a valid identifier that is unique and not reserved. Requests must
    /// come sorted by key: on a collision the first keeps the name and the others get a key-based suffix,
    /// so names never depend on the order of the export. A pinned name wins over a derived one.
    /// </summary>
    internal static class ScopeNamer
    {
        public static string[] Resolve(IReadOnlyList<NameRequest> requests, ICollection<string> reserved, string scopeLabel,
            List<DiagnosticInfo> diagnostics)
        {
            var count = requests.Count;
            var names = new string[count];
            for (var i = 0; i < count; i++) names[i] = BaseName(requests[i], reserved, diagnostics);

            // Pinned names are claimed before derived ones, then manifest order (= key order) decides.
            var order = new int[count];
            for (var i = 0; i < count; i++) order[i] = i;
            Array.Sort(order, (a, b) =>
            {
                var byPin = (requests[a].Pinned is null).CompareTo(requests[b].Pinned is null);
                return byPin != 0 ? byPin : a.CompareTo(b);
            });

            var owners = new Dictionary<string, int>(StringComparer.Ordinal);
            var losers = new List<int>();
            foreach (var i in order)
            {
                var plain = Plain(names[i]);
                if (owners.ContainsKey(plain)) losers.Add(i);
                else owners[plain] = i;
            }

            var taken = new HashSet<string>(owners.Keys, StringComparer.Ordinal);
            foreach (var name in reserved) taken.Add(name);
            losers.Sort();
            foreach (var i in losers)
            {
                var winner = requests[owners[Plain(names[i])]];
                var candidate = Plain(names[i]) + "_" + requests[i].KeySuffix;
                while (!taken.Add(candidate)) candidate += "_";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameCollision, requests[i].PinLocation ?? requests[i].Location,
                    scopeLabel, winner.Display, requests[i].Display, Plain(names[i]), candidate, requests[i].PinExample));
                names[i] = candidate;
            }
            return names;
        }

        private static string BaseName(NameRequest request, ICollection<string> reserved, List<DiagnosticInfo> diagnostics)
        {
            string name;
            if (request.Pinned != null)
            {
                // A pin is taken as written when it is already a usable identifier.
                name = IdentifierSanitizer.IsUsableVerbatim(request.Pinned)
                    ? request.Pinned
                    : Derive(request.Pinned, request.Fallback, request, request.PinLocation, diagnostics);
            }
            else if (string.IsNullOrEmpty(request.SourceName))
            {
                name = request.Fallback;
            }
            else
            {
                // Dashboard names and keys always go through the naming convention, so that
                // "checkout_banner_text" and "Checkout Banner Text" both read CheckoutBannerText.
                name = Derive(request.SourceName!, request.Fallback, request, request.Location, diagnostics);
            }

            if (reserved.Contains(Plain(name)))
            {
                var renamed = Plain(name) + "_" + request.KeySuffix;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ReservedName, request.PinLocation ?? request.Location,
                    Plain(name), request.KindLabel.ToLowerInvariant(), request.Display, renamed, request.PinExample));
                name = renamed;
            }
            return name;
        }

        private static string Derive(string source, string fallback, NameRequest request, Manifest.LocationInfo? location,
            List<DiagnosticInfo> diagnostics)
        {
            var sanitized = IdentifierSanitizer.Sanitize(source, fallback);
            if (sanitized.IsLossy)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidIdentifier, location,
                    request.KindLabel, source, sanitized.Identifier, request.PinExample));
            }
            return sanitized.Identifier;
        }

        /// <summary>The identifier without its '@' escape: <c>@class</c> and <c>class</c> are the same name.</summary>
        private static string Plain(string identifier) => identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;
    }
}
