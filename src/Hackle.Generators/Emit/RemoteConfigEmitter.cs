using System.Threading;
using Hackle.Generators.Manifest;
using Hackle.Generators.Model;

namespace Hackle.Generators.Emit
{
    /// <summary>Writes the remote-config class: one nested class per parameter with its key, default and typed getters.</summary>
    internal static class RemoteConfigEmitter
    {
        public static void Write(CodeWriter w, EmitModel model, CancellationToken cancellationToken) =>
            Emitter.ItemsClass(w, model, model.Options.RemoteConfigClass, "remote-config parameters", model.Parameters, WriteParameter,
                cancellationToken);

        private static void WriteParameter(CodeWriter w, EmitParameter p)
        {
            string type, literal;
            switch (p.Type)
            {
                case RemoteConfigType.Number:
                    type = "double";
                    literal = p.DefaultValue + "D";
                    break;
                case RemoteConfigType.Boolean:
                    type = "bool";
                    literal = p.DefaultValue;
                    break;
                default:
                    type = "string";
                    literal = CodeWriter.Literal(p.DefaultValue);
                    break;
            }
            var decision = "global::Hackle.RemoteConfigDecision<" + type + ">";

            var summary = "Remote-config parameter <c>" + CodeWriter.XmlOneLine(p.Key) + "</c> (" + p.WireType + ").";
            if (!string.IsNullOrWhiteSpace(p.Description)) summary += "\n" + CodeWriter.Xml(p.Description!);
            w.Doc("summary", summary);
            w.Open("public static class " + p.Identifier);

            w.Doc("summary", "The parameter key in Hackle.");
            w.Line("public const string Key = " + CodeWriter.Literal(p.Key) + ";");
            w.Line();

            w.Doc("summary", "The manifest's default value, returned when the value cannot be decided.");
            w.Line("public const " + type + " DefaultValue = " + literal + ";");
            w.Line();

            Emitter.Accessors(w, type, "Get", "The value for the user (<see cref=\"DefaultValue\"/> when undecided)", "Detail(client, user).Value");
            Emitter.Accessors(w, decision, "Detail", "The value for the user with the reason",
                Emitter.CheckedClient + ".RemoteConfigDetail(Key, user, DefaultValue)");

            w.Close();
        }
    }
}
