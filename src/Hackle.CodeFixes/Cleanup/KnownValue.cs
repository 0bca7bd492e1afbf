using System;
using System.Collections.Generic;
using Hackle.Analyzers.Cleanup;
using Microsoft.CodeAnalysis;

namespace Hackle.CodeFixes.Cleanup
{
    /// <summary>
    /// A value the clean-up knows at compile time, carried on the syntax node that yields it as an annotation: the
    /// decision call of a finished item first, then the <c>true</c>/<c>false</c> literals that comparisons of it
    /// fold to, until nothing around the node can be folded further.
    /// </summary>
    internal readonly struct KnownValue
    {
        /// <summary>The annotation kind of the nodes still to fold.</summary>
        public const string AnnotationKind = "Hackle.Cleanup.KnownValue";

        public KnownValue(string shape, string value, string keys, string possible = "")
        {
            Shape = shape;
            Value = value;
            Keys = keys;
            Possible = possible;
        }

        /// <summary>
        /// Empty when <see cref="Value"/> is what every user gets. Otherwise the variation keys a decision can still return
        /// (one character each): the value is one of them, not known which, and only what all of them decide alike folds.
        /// </summary>
        public string Possible { get; }

        /// <summary>True when the value is known exactly (a finished item), false for a set of possible keys (a dropped variation).</summary>
        public bool IsExact => Possible.Length == 0;

        /// <summary>A <see cref="CleanupShapes"/> name.</summary>
        public string Shape { get; }

        /// <summary>The variation key, or "true"/"false".</summary>
        public string Value { get; }

        /// <summary>The Variant enum's keys in member order (enum shape only).</summary>
        public string Keys { get; }

        public bool IsBoolean => Shape == CleanupShapes.Boolean;

        public bool BooleanValue => Value == "true";

        public static KnownValue Boolean(bool value) => new KnownValue(CleanupShapes.Boolean, value ? "true" : "false", "");

        public SyntaxAnnotation ToAnnotation() => new SyntaxAnnotation(AnnotationKind, Shape + "|" + Keys + "|" + Possible + "|" + Value);

        public static KnownValue? FromAnnotation(SyntaxAnnotation annotation)
        {
            // The value goes last: a string parameter's value may hold the separator.
            var parts = (annotation.Data ?? "").Split(new[] { '|' }, 4);
            return parts.Length == 4 ? new KnownValue(parts[0], parts[3], parts[1], parts[2]) : (KnownValue?)null;
        }

        /// <summary>The known value of a diagnostic from HKA110's properties, or null when the use is not fixable.</summary>
        public static KnownValue? FromDiagnostic(Diagnostic diagnostic)
        {
            var properties = diagnostic.Properties;
            if (properties.ContainsKey(CleanupProperties.NotFixable)) return null;
            if (!properties.TryGetValue(CleanupProperties.Shape, out var shape) || shape is null) return null;
            if (!properties.TryGetValue(CleanupProperties.FinalValue, out var value) || value is null) return null;
            properties.TryGetValue(CleanupProperties.VariantKeys, out var keys);
            properties.TryGetValue(CleanupProperties.PossibleKeys, out var possible);
            return new KnownValue(shape, value, keys ?? "", possible ?? "");
        }

        /// <summary>True for a diagnostic on a use of a dropped variation (its location is the Variant member, not a decision).</summary>
        public static bool IsDroppedVariation(Diagnostic diagnostic) => diagnostic.Properties.ContainsKey(CleanupProperties.PossibleKeys);

        /// <summary>The variation key an enum member with this value stands for, by the [HackleExperiment] key order.</summary>
        public string? KeyOfMember(int index) => index >= 0 && index < Keys.Length ? Keys[index].ToString() : null;

        /// <summary>
        /// True when <paramref name="key"/> is what every user gets (keys are upper case; "b" never matches), false when no user
        /// gets it; null when some of the possible keys are it and some are not.
        /// </summary>
        public bool? Matches(string key)
        {
            if (IsExact) return string.Equals(key, Value, StringComparison.Ordinal);
            var any = Possible.IndexOf(key, StringComparison.Ordinal) >= 0 && key.Length == 1;
            return !any ? false : Possible.Length == 1 ? true : (bool?)null;
        }

        /// <summary>Each possible key as an exact value (or this value itself when it is exact).</summary>
        public IEnumerable<KnownValue> Candidates()
        {
            if (IsExact)
            {
                yield return this;
                yield break;
            }
            foreach (var key in Possible) yield return new KnownValue(Shape, key.ToString(), Keys);
        }
    }
}
