using System.Globalization;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the feature-flags class: one nested class per flag with its key and IsOn/Detail accessors.</summary>
    internal static class FeaturesEmitter
    {
        public static void Write(CodeWriter w, EmitModel model)
        {
            w.Doc("summary", "Typed accessors for the feature flags of " + CodeWriter.XmlOneLine(model.ManifestFileName) +
                             ", one nested class per flag.");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open(Emitter.Accessibility(model) + " static partial class " + model.Options.FeaturesClass);
            for (var i = 0; i < model.Features.Count; i++)
            {
                if (i > 0) w.Line();
                WriteFeature(w, model.Features[i]);
            }
            w.Close();
        }

        private static void WriteFeature(CodeWriter w, EmitFeature f)
        {
            var key = f.Key.ToString(CultureInfo.InvariantCulture);
            const string userDoc = "The user.";
            const string clientDoc = "The client to use, e.g. one injected from DI.";

            w.Doc("summary", Emitter.Summary("Feature flag", f.Name, key, f.Description));
            Emitter.StatusRemarks(w, f.Status, f.ObsoleteMessage, null);
            Emitter.Obsolete(w, f.ObsoleteMessage);
            w.Open("public static class " + f.Identifier);

            w.Doc("summary", "The feature key in Hackle: " + key + ".");
            w.Line("public const long Key = " + key + "L;");
            w.Line();

            w.Doc("summary", "Whether the flag is on for the user, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>; never throws.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "True when on; false when off or undecided.");
            w.Line("public static bool IsOn(global::Hackle.HackleUser user) => Detail(global::Hackle.HackleClient.Current, user).IsOn;");
            w.Line();

            w.Doc("summary", "Whether the flag is on for the user, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "True when on; false when off or undecided.");
            w.Line("public static bool IsOn(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) => Detail(client, user).IsOn;");
            w.Line();

            w.Doc("summary", "The flag for the user with the reason and parameters, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The decision; its reason says why.");
            w.Line("public static global::Hackle.FeatureFlagDecision Detail(global::Hackle.HackleUser user) => Detail(global::Hackle.HackleClient.Current, user);");
            w.Line();

            w.Doc("summary", "The flag for the user with the reason and parameters, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The decision; its reason says why.");
            w.Open("public static global::Hackle.FeatureFlagDecision Detail(global::Hackle.IHackleClient client, global::Hackle.HackleUser user)");
            Emitter.ClientNullCheck(w);
            w.Line("return client.FeatureFlagDetail(Key, user);");
            w.Close();

            w.Close();
        }
    }
}
