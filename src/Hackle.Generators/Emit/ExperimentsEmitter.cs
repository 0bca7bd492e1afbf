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

            w.Doc("summary", Emitter.Summary("A/B test", e.Name, key, e.Description));
            Emitter.StatusRemarks(w, e.Status, e.ObsoleteMessage, "Variations: " + VariationList(e) + ".");
            Emitter.Obsolete(w, model, e.ObsoleteMessage);
            // The accessors (Variation, VariationDetail) are the same for every experiment: they are inherited from
            // the runtime, which reads the key and the variation order from the enum's attribute.
            w.Open("public sealed class " + e.Identifier + " : global::Hackle.Accessors.ExperimentAccessor<" + e.Identifier + ".Variant>");

            w.Doc("summary", "The experiment key in Hackle.");
            w.Line("public const long Key = ", key, "L;");
            w.Line();

            WriteVariantEnum(w, model, e, key);
            w.Line();

            w.Line("private ", e.Identifier, "() { }");
            w.Close();
        }

        /// <summary>The variation keys in the order of the Variant enum's members (control first).</summary>
        private static string VariationKeys(EmitExperiment e)
        {
            var keys = new StringBuilder(e.Variants.Count);
            foreach (var v in e.Variants) keys.Append(v.Key);
            return keys.ToString();
        }

        private static void WriteVariantEnum(CodeWriter w, EmitModel model, EmitExperiment e, string key)
        {
            w.Doc("summary", "The variations of " + (e.Name is null ? "this experiment" : "<c>" + CodeWriter.XmlOneLine(e.Name) + "</c>") +
                             "; <see cref=\"" + ControlMember(e) + "\"/> is the control.");
            w.Line("[global::Hackle.Accessors.HackleExperiment(", key, "L, ", CodeWriter.Literal(VariationKeys(e)), ")]");
            w.Open("public enum Variant");
            foreach (var v in e.Variants)
            {
                var doc = new StringBuilder("Variation " + v.Key);
                if (v.IsControl) doc.Append(" (control)");
                if (v.Name != null) doc.Append(": ").Append(CodeWriter.XmlOneLine(v.Name));
                doc.Append('.');
                if (v.ObsoleteMessage != null) doc.Append(" DROPPED.");
                w.Doc("summary", doc.ToString());
                Emitter.Obsolete(w, model, v.ObsoleteMessage);
                w.Line(v.Identifier, ",");
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
