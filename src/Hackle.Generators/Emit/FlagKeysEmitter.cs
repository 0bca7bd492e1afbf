using System.Globalization;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>
    /// Writes the raw keys of every generated item as constants, for the SDK's untyped API, attributes and
    /// switch labels. Finished items are marked [Obsolete] here too, so their keys also show up.
    /// </summary>
    internal static class FlagKeysEmitter
    {
        public static void Write(CodeWriter w, EmitModel model)
        {
            var options = model.Options;
            w.Doc("summary", "The raw keys of " + CodeWriter.XmlOneLine(model.ManifestFileName) + ", by generated name.");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open(Emitter.Accessibility(model) + " static class " + options.FlagKeysClass);

            w.Doc("summary", "Experiment keys.");
            w.Open("public static class " + options.ExperimentsClass);
            foreach (var e in model.Experiments)
            {
                w.Doc("summary", "The key of A/B test " + Name(e.Name, e.Identifier) + ".");
                Emitter.Obsolete(w, e.ObsoleteMessage);
                w.Line("public const long " + e.Identifier + " = " + e.Key.ToString(CultureInfo.InvariantCulture) + "L;");
            }
            w.Close();
            w.Line();

            w.Doc("summary", "Feature flag keys.");
            w.Open("public static class " + options.FeaturesClass);
            foreach (var f in model.Features)
            {
                w.Doc("summary", "The key of feature flag " + Name(f.Name, f.Identifier) + ".");
                Emitter.Obsolete(w, f.ObsoleteMessage);
                w.Line("public const long " + f.Identifier + " = " + f.Key.ToString(CultureInfo.InvariantCulture) + "L;");
            }
            w.Close();
            w.Line();

            w.Doc("summary", "Remote-config parameter keys.");
            w.Open("public static class " + options.RemoteConfigClass);
            foreach (var p in model.Parameters)
            {
                w.Doc("summary", "The key of remote-config parameter <c>" + CodeWriter.XmlOneLine(p.Key) + "</c>.");
                w.Line("public const string " + p.Identifier + " = " + CodeWriter.Literal(p.Key) + ";");
            }
            w.Close();

            w.Close();
        }

        private static string Name(string? name, string identifier) => "<c>" + CodeWriter.XmlOneLine(name ?? identifier) + "</c>";
    }
}
