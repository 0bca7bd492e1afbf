using System.Globalization;
using System.Text;
using System.Threading;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the experiments class: one nested class per A/B test with its key, Variant enum and accessors.</summary>
    internal static class ExperimentsEmitter
    {
        public static void Write(CodeWriter w, EmitModel model, CancellationToken cancellationToken)
        {
            w.Doc("summary", "Typed accessors for the A/B tests of " + CodeWriter.XmlOneLine(model.ManifestFileName) +
                             ", one nested class per experiment.");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open(Emitter.Accessibility(model) + " static partial class " + model.Options.ExperimentsClass);
            for (var i = 0; i < model.Experiments.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (i > 0) w.Line();
                WriteExperiment(w, model, model.Experiments[i]);
            }
            w.Close();
        }

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

            const string userDoc = "The user.";
            const string clientDoc = "The client to use, e.g. one injected from DI.";
            var returnsVariant = "The variation, or the control " + control + " when none can be decided.";

            w.Doc("summary", "The user's variation, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>; never throws.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", returnsVariant);
            w.Line("public static Variant Variation(global::Hackle.HackleUser user) => VariationDetail(global::Hackle.HackleClient.Current, user).Variation;");
            w.Line();

            w.Doc("summary", "The user's variation, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", returnsVariant);
            w.Line("public static Variant Variation(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) => VariationDetail(client, user).Variation;");
            w.Line();

            w.Doc("summary", "The user's variation with the reason and parameters, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The decision; its reason says why.");
            w.Line("public static " + decision + " VariationDetail(global::Hackle.HackleUser user) => VariationDetail(global::Hackle.HackleClient.Current, user);");
            w.Line();

            w.Doc("summary", "The user's variation with the reason and parameters, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The decision; its reason says why.");
            w.Open("public static " + decision + " VariationDetail(global::Hackle.IHackleClient client, global::Hackle.HackleUser user)");
            Emitter.ClientNullCheck(w);
            w.Line("global::Hackle.Decision decision = client.VariationDetail(Key, user, " + CodeWriter.Literal(e.ControlKey) + ");");
            w.Line("return new " + decision + "(ToVariant(decision.Variation), decision.Variation, decision.Reason, decision.Config);");
            w.Close();
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
