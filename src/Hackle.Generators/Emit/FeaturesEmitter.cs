using System.Globalization;
using System.Threading;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the feature-flags class: one nested class per flag with its key and IsOn/Detail accessors.</summary>
    internal static class FeaturesEmitter
    {
        public static void Write(CodeWriter w, EmitModel model, CancellationToken cancellationToken) =>
            Emitter.ItemsClass(w, model, model.Options.FeaturesClass, "feature flags", model.Features, (writer, f) => WriteFeature(writer, model, f), cancellationToken);

        private static void WriteFeature(CodeWriter w, EmitModel model, EmitFeature f)
        {
            var key = f.Key.ToString(CultureInfo.InvariantCulture);
            w.Doc("summary", Emitter.Summary("Feature flag", f.Name, key, f.Description));
            Emitter.StatusRemarks(w, f.Status, f.ObsoleteMessage, null);
            Emitter.Obsolete(w, model, f.ObsoleteMessage);
            // IsOn and Detail are the same for every flag: inherited from the runtime, which reads the key from the attribute.
            w.Line("[global::Hackle.Accessors.HackleFeature(", key, "L)]");
            w.Open("public sealed class " + f.Identifier + " : global::Hackle.Accessors.FeatureAccessor<" + f.Identifier + ">");

            w.Doc("summary", "The feature key in Hackle.");
            w.Line("public const long Key = ", key, "L;");
            w.Line();

            w.Line("private ", f.Identifier, "() { }");

            w.Close();
        }
    }
}
