using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>
    /// Writes VariationDecision&lt;TVariant&gt;, the typed result of the VariationDetail accessors. It is
    /// generated rather than shipped in the runtime because the runtime's Decision is untyped; one copy per
    /// namespace avoids CS0436 clashes between projects.
    /// </summary>
    internal static class VariationDecisionEmitter
    {
        public static void Write(CodeWriter w, EmitModel model)
        {
            w.Doc("summary", "A typed A/B test decision: the variation as the experiment's enum, the key the SDK returned, why, and the variation's parameters.");
            w.Doc("typeparam", "The experiment's generated Variant enum.", " name=\"TVariant\"");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open(Emitter.Accessibility(model) + " readonly struct VariationDecision<TVariant> where TVariant : struct");

            w.Doc("summary", "Creates a decision.");
            w.Doc("param", "The variation as an enum member.", " name=\"variation\"");
            w.Doc("param", "The variation key the SDK returned.", " name=\"variationKey\"");
            w.Doc("param", "Why the variation was chosen.", " name=\"reason\"");
            w.Doc("param", "The variation's parameter configuration.", " name=\"config\"");
            w.Open("public VariationDecision(TVariant variation, string variationKey, global::Hackle.DecisionReason reason, global::Hackle.ParameterConfig config)");
            w.Line("Variation = variation;");
            w.Line("VariationKey = variationKey;");
            w.Line("Reason = reason;");
            w.Line("Config = config;");
            w.Close();
            w.Line();

            w.Doc("summary", "The variation; the control when none could be decided.");
            w.Line("public TVariant Variation { get; }");
            w.Line();
            w.Doc("summary", "The variation key the SDK returned (\"A\"..\"J\"). It differs from <see cref=\"Variation\"/> only when the manifest is older than the workspace and lacks this variation.");
            w.Line("public string VariationKey { get; }");
            w.Line();
            w.Doc("summary", "Why the variation was chosen.");
            w.Line("public global::Hackle.DecisionReason Reason { get; }");
            w.Line();
            w.Doc("summary", "The variation's parameter configuration (never null).");
            w.Line("public global::Hackle.ParameterConfig Config { get; }");
            w.Line();
            w.Doc("summary", "The variation key and the reason, e.g. <c>B (TRAFFIC_ALLOCATED)</c>.");
            w.Doc("returns", "A short description for logs.");
            w.Line("public override string ToString() => VariationKey + \" (\" + global::Hackle.DecisionReasonNames.ToWireName(Reason) + \")\";");
            w.Close();
        }
    }
}
