using System.Collections.Generic;
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

            var experiments = new List<Constant>();
            foreach (var e in model.Experiments)
            {
                experiments.Add(new Constant("A/B test " + Name(e.Name, e.Identifier), e.ObsoleteMessage, "long", e.Identifier,
                    e.Key.ToString(CultureInfo.InvariantCulture) + "L"));
            }
            KeysClass(w, model, options.ExperimentsClass, "Experiment keys.", experiments);
            w.Line();

            var features = new List<Constant>();
            foreach (var f in model.Features)
            {
                features.Add(new Constant("feature flag " + Name(f.Name, f.Identifier), f.ObsoleteMessage, "long", f.Identifier,
                    f.Key.ToString(CultureInfo.InvariantCulture) + "L"));
            }
            KeysClass(w, model, options.FeaturesClass, "Feature flag keys.", features);
            w.Line();

            var parameters = new List<Constant>();
            foreach (var p in model.Parameters)
            {
                parameters.Add(new Constant("remote-config parameter <c>" + CodeWriter.XmlOneLine(p.Key) + "</c>", null, "string", p.Identifier,
                    CodeWriter.Literal(p.Key)));
            }
            KeysClass(w, model, options.RemoteConfigClass, "Remote-config parameter keys.", parameters);

            w.Close();
        }

        /// <summary>One key constant: what it names, its obsolete message, type, identifier and literal.</summary>
        private readonly record struct Constant(string What, string? ObsoleteMessage, string Type, string Identifier, string Literal);

        private static void KeysClass(CodeWriter w, EmitModel model, string className, string summary, List<Constant> constants)
        {
            w.Doc("summary", summary);
            w.Open("public static class " + className);
            foreach (var c in constants)
            {
                w.Doc("summary", "The key of " + c.What + ".");
                Emitter.Obsolete(w, model, c.ObsoleteMessage);
                w.Line("public const ", c.Type, " ", c.Identifier, " = " + c.Literal + ";");
            }
            w.Close();
        }

        private static string Name(string? name, string identifier) => "<c>" + CodeWriter.XmlOneLine(name ?? identifier) + "</c>";
    }
}
