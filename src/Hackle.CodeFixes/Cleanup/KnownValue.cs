using System;
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

        public KnownValue(string shape, string value, string keys)
        {
            Shape = shape;
            Value = value;
            Keys = keys;
        }

        /// <summary>A <see cref="CleanupShapes"/> name.</summary>
        public string Shape { get; }

        /// <summary>The variation key, or "true"/"false".</summary>
        public string Value { get; }

        /// <summary>The Variant enum's keys in member order (enum shape only).</summary>
        public string Keys { get; }

        public bool IsBoolean => Shape == CleanupShapes.Boolean;

        public bool BooleanValue => Value == "true";

        public static KnownValue Boolean(bool value) => new KnownValue(CleanupShapes.Boolean, value ? "true" : "false", "");

        public SyntaxAnnotation ToAnnotation() => new SyntaxAnnotation(AnnotationKind, Shape + "|" + Value + "|" + Keys);

        public static KnownValue? FromAnnotation(SyntaxAnnotation annotation)
        {
            var parts = (annotation.Data ?? "").Split(new[] { '|' }, 3);
            return parts.Length == 3 ? new KnownValue(parts[0], parts[1], parts[2]) : (KnownValue?)null;
        }

        /// <summary>The known value of a diagnostic from HKA110's properties, or null when the use is not fixable.</summary>
        public static KnownValue? FromDiagnostic(Diagnostic diagnostic)
        {
            var properties = diagnostic.Properties;
            if (properties.ContainsKey(CleanupProperties.NotFixable)) return null;
            if (!properties.TryGetValue(CleanupProperties.Shape, out var shape) || shape is null) return null;
            if (!properties.TryGetValue(CleanupProperties.FinalValue, out var value) || value is null) return null;
            properties.TryGetValue(CleanupProperties.VariantKeys, out var keys);
            return new KnownValue(shape, value, keys ?? "");
        }

        /// <summary>The variation key an enum member with this value stands for, by the [HackleExperiment] key order.</summary>
        public string? KeyOfMember(int index) => index >= 0 && index < Keys.Length ? Keys[index].ToString() : null;

        /// <summary>True when <paramref name="key"/> is what every user gets (keys are upper case; "b" never matches).</summary>
        public bool Matches(string key) => string.Equals(key, Value, StringComparison.Ordinal);
    }
}
