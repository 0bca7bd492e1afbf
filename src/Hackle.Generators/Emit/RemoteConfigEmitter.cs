using Hackle.Generators.Manifest;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the remote-config class: one nested class per parameter with its key, default and typed getters.</summary>
    internal static class RemoteConfigEmitter
    {
        public static void Write(CodeWriter w, EmitModel model)
        {
            w.Doc("summary", "Typed accessors for the remote-config parameters of " + CodeWriter.XmlOneLine(model.ManifestFileName) +
                             ", one nested class per parameter.");
            w.Line(Emitter.GeneratedCodeAttribute);
            w.Open(Emitter.Accessibility(model) + " static partial class " + model.Options.RemoteConfigClass);
            for (var i = 0; i < model.Parameters.Count; i++)
            {
                if (i > 0) w.Line();
                WriteParameter(w, model.Parameters[i]);
            }
            w.Close();
        }

        private static void WriteParameter(CodeWriter w, EmitParameter p)
        {
            string type, literal, shown;
            switch (p.Type)
            {
                case RemoteConfigType.Number:
                    type = "double";
                    literal = p.DefaultValue + "D";
                    shown = p.DefaultValue;
                    break;
                case RemoteConfigType.Boolean:
                    type = "bool";
                    literal = p.DefaultValue;
                    shown = p.DefaultValue;
                    break;
                default:
                    type = "string";
                    literal = CodeWriter.Literal(p.DefaultValue);
                    shown = literal;
                    break;
            }
            var decision = "global::Hackle.RemoteConfigDecision<" + type + ">";
            const string userDoc = "The user.";
            const string clientDoc = "The client to use, e.g. one injected from DI.";

            var summary = "Remote-config parameter <c>" + CodeWriter.XmlOneLine(p.Key) + "</c> (" + p.WireType + ").";
            if (!string.IsNullOrWhiteSpace(p.Description)) summary += "\n" + CodeWriter.Xml(p.Description!);
            w.Doc("summary", summary);
            w.Open("public static class " + p.Identifier);

            w.Doc("summary", "The parameter key in Hackle.");
            w.Line("public const string Key = " + CodeWriter.Literal(p.Key) + ";");
            w.Line();

            w.Doc("summary", "The manifest's default value, " + CodeWriter.XmlOneLine(shown) + ", returned when the value cannot be decided.");
            w.Line("public const " + type + " DefaultValue = " + literal + ";");
            w.Line();

            w.Doc("summary", "The value for the user, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>; never throws.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The value; <see cref=\"DefaultValue\"/> when it cannot be decided.");
            w.Line("public static " + type + " Get(global::Hackle.HackleUser user) => Detail(global::Hackle.HackleClient.Current, user).Value;");
            w.Line();

            w.Doc("summary", "The value for the user, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The value; <see cref=\"DefaultValue\"/> when it cannot be decided.");
            w.Line("public static " + type + " Get(global::Hackle.IHackleClient client, global::Hackle.HackleUser user) => Detail(client, user).Value;");
            w.Line();

            w.Doc("summary", "The value for the user with the reason, decided by <see cref=\"global::Hackle.HackleClient.Current\"/>.");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The value and why it was chosen.");
            w.Line("public static " + decision + " Detail(global::Hackle.HackleUser user) => Detail(global::Hackle.HackleClient.Current, user);");
            w.Line();

            w.Doc("summary", "The value for the user with the reason, decided by <paramref name=\"client\"/>.");
            w.Doc("param", clientDoc, " name=\"client\"");
            w.Doc("param", userDoc, " name=\"user\"");
            w.Doc("returns", "The value and why it was chosen.");
            w.Open("public static " + decision + " Detail(global::Hackle.IHackleClient client, global::Hackle.HackleUser user)");
            Emitter.ClientNullCheck(w);
            w.Line("return client.RemoteConfigDetail(Key, user, DefaultValue);");
            w.Close();

            w.Close();
        }
    }
}
