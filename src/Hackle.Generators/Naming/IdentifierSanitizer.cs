using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Hackle.Generators.Naming
{
    /// <summary>The identifier made from a name, and whether making it lost information.</summary>
    /// <param name="Identifier">A valid C# identifier (possibly '@'-escaped).</param>
    /// <param name="IsLossy">
    /// True when characters other than word separators were dropped, or a prefix, escape or fallback was
    /// needed: the cases worth a warning. Joining words and upper-casing their first letters is the
    /// documented convention and is not lossy.
    /// </param>
    internal readonly record struct SanitizedName(string Identifier, bool IsLossy);

    /// <summary>
    /// Turns dashboard names and keys into C# identifiers, deterministically and culture-invariantly:
    /// words are split on separators, punctuation and letter-after-digit boundaries, each word gets an
    /// upper-case first letter, and the rest of each word is kept as written (acronyms stay intact).
    /// </summary>
    internal static class IdentifierSanitizer
    {
        /// <summary>Sanitizes <paramref name="source"/>; <paramref name="fallback"/> (a valid identifier) is used when nothing is left.</summary>
        public static SanitizedName Sanitize(string source, string fallback)
        {
            var builder = new StringBuilder(source.Length);
            var lossy = false;
            var startWord = true;
            var previousWasDigit = false;
            foreach (var c in source)
            {
                if (IsSeparator(c))
                {
                    startWord = true;
                    previousWasDigit = false;
                    continue;
                }
                var category = CharUnicodeInfo.GetUnicodeCategory(c);
                // Formatting characters are legal in identifiers but ignored when the compiler compares
                // them, so keeping them could make two different-looking names collide.
                if (category == UnicodeCategory.Format || !SyntaxFacts.IsIdentifierPartCharacter(c))
                {
                    lossy = true;
                    startWord = true;
                    previousWasDigit = false;
                    continue;
                }
                var isDigit = category == UnicodeCategory.DecimalDigitNumber;
                if (previousWasDigit && !isDigit) startWord = true;
                builder.Append(startWord ? char.ToUpperInvariant(c) : c);
                startWord = false;
                previousWasDigit = isDigit;
            }

            if (builder.Length == 0) return new SanitizedName(fallback, true);
            if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
            {
                builder.Insert(0, '_');
                lossy = true;
            }
            var identifier = builder.ToString();
            // Only reachable for names that do not start with a cased letter, since keywords are lower case.
            if (SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None)
            {
                return new SanitizedName("@" + identifier, true);
            }
            return new SanitizedName(identifier, lossy);
        }

        /// <summary>True when <paramref name="name"/> can be used verbatim: a valid identifier that is not a keyword.</summary>
        public static bool IsUsableVerbatim(string name) => OptionsReader.IsPlainIdentifier(name);

        /// <summary>Characters that only separate words: whitespace and the usual word joiners.</summary>
        private static bool IsSeparator(char c)
        {
            if (char.IsWhiteSpace(c)) return true;
            switch (c)
            {
                case '_':
                case '-':
                case '.':
                    return true;
                default:
                    return false;
            }
        }
    }
}
