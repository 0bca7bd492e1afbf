using System;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Hackle.Generators.Emit
{
    /// <summary>
    /// Writes indented C# with '\n' line ends (the same bytes on every OS, so snapshots and caching agree),
    /// plus XML-doc and literal helpers that make manifest text safe to embed.
    /// </summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _builder;
        private int _indent;

        /// <summary>A writer whose buffer starts at 4,096 characters and grows in chunks.</summary>
        public CodeWriter() => _builder = new StringBuilder(4096);

        /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
        public void Line(string text = "")
        {
            if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
            _builder.Append('\n');
        }

        /// <summary>Writes one line from parts, without concatenating them first (thousands of items make that add up).</summary>
        public void Line(string a, string b, string c = "", string d = "", string e = "")
        {
            _builder.Append(' ', _indent * 4).Append(a).Append(b).Append(c).Append(d).Append(e).Append('\n');
        }

        /// <summary>Writes <paramref name="header"/>, then '{' and indents.</summary>
        public void Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        /// <summary>Unindents and writes '}'.</summary>
        public void Close()
        {
            _indent--;
            Line("}");
        }

        /// <summary>Writes a preprocessor directive at column 0, as is customary.</summary>
        public void Directive(string text) => _builder.Append(text).Append('\n');

        /// <summary>Writes <c>/// &lt;tag&gt;</c> with <paramref name="xml"/> (already escaped), splitting its lines.</summary>
        public void Doc(string tag, string xml, string attributes = "")
        {
            if (xml.IndexOf('\n') < 0)
            {
                _builder.Append(' ', _indent * 4).Append("/// <").Append(tag).Append(attributes).Append('>').Append(xml)
                    .Append("</").Append(tag).Append(">\n");
                return;
            }
            var lines = xml.Split('\n');
            Line("/// <" + tag + attributes + ">");
            foreach (var line in lines) Line(line.Length == 0 ? "///" : "/// " + line);
            Line("/// </" + tag + ">");
        }

        /// <summary>Escapes manifest text for an XML doc comment. Line breaks (including U+2028/2029/0085,
        /// which would end the comment) become '\n' for <see cref="Doc"/> to split.</summary>
        public static string Xml(string text)
        {
            if (!NeedsEscaping(text)) return text.Trim();
            var builder = new StringBuilder(text.Length + 16);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '\r':
                        if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                        builder.Append('\n');
                        break;
                    case '\n':
                    case '\u0085':
                    case '\u2028':
                    case '\u2029':
                        builder.Append('\n');
                        break;
                    default:
                        // Other control characters are not allowed in XML 1.0.
                        if (c < ' ' && c != '\t') builder.Append(' ');
                        else builder.Append(c);
                        break;
                }
            }
            return builder.ToString().Trim();
        }

        private static bool NeedsEscaping(string text)
        {
            foreach (var c in text)
            {
                if (c == '&' || c == '<' || c == '>' || c < ' ' || c == '\u0085' || c == '\u2028' || c == '\u2029') return true;
            }
            return false;
        }

        /// <summary>A C# string literal, with every character that could break the line escaped.</summary>
        public static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

        /// <summary>The generated text.</summary>
        public override string ToString() => _builder.ToString();

        /// <summary>Manifest text escaped for XML docs and joined onto one line.</summary>
        public static string XmlOneLine(string text)
        {
            if (!NeedsEscaping(text)) return text.Trim();
            var lines = Xml(text).Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries);
            return string.Join(" ", lines);
        }
    }
}
