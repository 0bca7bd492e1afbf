using System.Globalization;
using System.Text;
using System.Threading;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the experiments class: one nested class per A/B test with its key, Variant enum and accessors.</summary>
    internal static class ExperimentsEmitter
    {
        public static void Write(CodeWriter w, EmitModel model, CancellationToken cancellationToken) =>
            Emitter.ItemsClass(w, model, model.Options.ExperimentsClass, "A/B tests", model.Experiments, (writer, e) => WriteExperiment(writer, model, e),
                cancellationToken);

        private static void WriteExperiment(CodeWriter w, EmitModel model, EmitExperiment e)
        {
            var key = e.Key.ToString(CultureInfo.InvariantCulture);
            var decision = Emitter.Qualified(model, "VariationDecision") + "<Variant>";
            var control = ControlMember(e);

            w.Doc("summary", Emitter.Summary("A/B test", e.Name, key, e.Description));
            Emitter.StatusRemarks(w, e.Status, e.ObsoleteMessage, "Variations: " + VariationList(e) + ".");
            Emitter.Obsolete(w, e.ObsoleteMessage);
            w.Open("public static class " + e.Identifier);

            w.Doc("summary", "The experiment key in Hackle: " + key + ".");
            w.Line("public const long Key = " + key + "L;");
            w.Line();

            WriteVariantEnum(w, e);
            w.Line();

            var returnsVariant = "The variation, or the control " + e.ControlKey + " when none can be decided.";
            Emitter.Accessors(w, "Variant", "Variation", "The user's variation", returnsVariant, "VariationDetail(client, user).Variation");
            w.Line();
            Emitter.Accessors(w, decision, "VariationDetail", "The user's variation with the reason and parameters", "The decision; its reason says why.",
                "global::Hackle.Decision decision = client.VariationDetail(Key, user, " + CodeWriter.Literal(e.ControlKey) + ");\n" +
                "return new " + decision + "(ToVariant(decision.VariationKey), decision.VariationKey, decision.Reason, decision.Config);", isBlock: true);
            w.Line();

            w.Doc("summary", "Maps a variation key to <see cref=\"Variant\"/>; unknown keys map to the control.");
            w.Open("private static Variant ToVariant(string key)");
            w.Open("switch (key)");
            foreach (var v in e.Variants)
            {
                var line = "case " + CodeWriter.Literal(v.Key) + ": return Variant." + v.Identifier + ";";
                // The SDK can still return a dropped variation (e.g. a user override); mapping it must not warn here.
                if (v.ObsoleteMessage != null)
                {
                    w.Directive("#pragma warning disable 0618");
                    w.Line(line);
                    w.Directive("#pragma warning restore 0618");
                }
                else
                {
                    w.Line(line);
                }
            }
            w.Line("default: return Variant." + control + ";");
            w.Close();
            w.Close();

            w.Close();
        }

        private static void WriteVariantEnum(CodeWriter w, EmitExperiment e)
        {
            w.Doc("summary", "The variations of " + (e.Name is null ? "this experiment" : "<c>" + CodeWriter.XmlOneLine(e.Name) + "</c>") +
                             "; <see cref=\"" + ControlMember(e) + "\"/> is the control.");
            w.Open("public enum Variant");
            foreach (var v in e.Variants)
            {
                var doc = new StringBuilder("Variation " + v.Key);
                if (v.IsControl) doc.Append(" (control)");
                if (v.Name != null) doc.Append(": ").Append(CodeWriter.XmlOneLine(v.Name));
                doc.Append('.');
                if (v.ObsoleteMessage != null) doc.Append(" DROPPED.");
                w.Doc("summary", doc.ToString());
                Emitter.Obsolete(w, v.ObsoleteMessage);
                w.Line(v.Identifier + ",");
            }
            w.Close();
        }

        private static string ControlMember(EmitExperiment e)
        {
            foreach (var v in e.Variants)
            {
                if (v.IsControl) return v.Identifier;
            }
            return e.Variants[0].Identifier;
        }

        private static string VariationList(EmitExperiment e)
        {
            var builder = new StringBuilder();
            foreach (var v in e.Variants)
            {
                if (builder.Length > 0) builder.Append(", ");
                builder.Append(v.Key);
                if (v.Name != null) builder.Append(" \"").Append(CodeWriter.XmlOneLine(v.Name)).Append('"');
                if (v.IsControl) builder.Append(" (control)");
                if (v.ObsoleteMessage != null) builder.Append(" (dropped)");
                if (v.Key == e.WinnerKey) builder.Append(" (winner)");
            }
            return builder.ToString();
        }
    }
}
