using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Hackle.Generators.Manifest;
using Hackle.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Hackle.Generators
{
    /// <summary>
    /// Extracts <c>[assembly: HackleFlagName(kind, key, "Name")]</c> attributes into plain
    /// <see cref="NameOverride"/> values, so no symbol outlives this step.
    /// </summary>
    internal static class NameOverrideReader
    {
        public const string AttributeMetadataName = "Hackle.HackleFlagNameAttribute";

        public static EquatableArray<NameOverride> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var result = new List<NameOverride>();
            foreach (var attribute in context.Attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var arguments = attribute.ConstructorArguments;
                if (arguments.Length != 3) continue;
                if (!(arguments[0].Value is int kind) || kind < 0 || kind > 2) continue;
                string? key = arguments[1].Value switch
                {
                    long number => number.ToString(CultureInfo.InvariantCulture),
                    string text => text,
                    _ => null,
                };
                if (key is null || !(arguments[2].Value is string name)) continue;
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken);
                result.Add(new NameOverride((FlagKind)kind, key, name, syntax is null ? null : LocationInfo.From(syntax.GetLocation())));
            }
            return new EquatableArray<NameOverride>(result.ToArray());
        }

        /// <summary>Flattens the per-file lists into one, in a stable order.</summary>
        public static EquatableArray<NameOverride> Merge(System.Collections.Immutable.ImmutableArray<EquatableArray<NameOverride>> perFile)
        {
            var all = new List<NameOverride>();
            foreach (var list in perFile) all.AddRange(list);
            all.Sort((a, b) =>
            {
                var byKind = a.Kind.CompareTo(b.Kind);
                if (byKind != 0) return byKind;
                var byKey = string.CompareOrdinal(a.Key, b.Key);
                if (byKey != 0) return byKey;
                var byPath = string.CompareOrdinal(a.Location?.FilePath, b.Location?.FilePath);
                return byPath != 0 ? byPath : (a.Location?.Span.Start ?? 0).CompareTo(b.Location?.Span.Start ?? 0);
            });
            return new EquatableArray<NameOverride>(all.ToArray());
        }
    }
}
