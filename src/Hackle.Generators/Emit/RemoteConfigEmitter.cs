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
            string type, literal, accessor;
            switch (p.Type)
            {
                case RemoteConfigType.Number:
                    type = "double";
                    literal = p.DefaultValue + "D";
                    accessor = "NumberParameterAccessor";
                    break;
                case RemoteConfigType.Boolean:
                    type = "bool";
                    literal = p.DefaultValue;
                    accessor = "BooleanParameterAccessor";
                    break;
                default:
                    type = "string";
                    literal = CodeWriter.Literal(p.DefaultValue);
                    accessor = "StringParameterAccessor";
                    break;
            }

            var summary = "Remote-config parameter <c>" + CodeWriter.XmlOneLine(p.Key) + "</c> (" + p.WireType + ").";
            if (!string.IsNullOrWhiteSpace(p.Description)) summary += "\n" + CodeWriter.Xml(p.Description!);
            w.Doc("summary", summary);
            // Get and Detail are the same for every parameter of a type: inherited from the runtime, which reads the key
            // and the default from the attribute.
            w.Line("[global::Hackle.Accessors.HackleParameter(" + p.Identifier + ".Key, " + p.Identifier + ".DefaultValue)]");
            w.Open("public sealed class " + p.Identifier + " : global::Hackle.Accessors." + accessor + "<" + p.Identifier + ">");

            w.Doc("summary", "The parameter key in Hackle.");
            w.Line("public const string Key = ", CodeWriter.Literal(p.Key), ";");
            w.Line();

            w.Doc("summary", "The manifest's default value, returned when the value cannot be decided.");
            w.Line("public const ", type, " DefaultValue = ", literal, ";");
            w.Line();

            w.Line("private ", p.Identifier, "() { }");

            w.Close();
        }
    }
}
