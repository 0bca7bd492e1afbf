using System;

namespace Hackle.Internal.Evaluation
{
    /// <summary>
    /// A semantic version as Hackle compares them (as Hackle's Java SDK parses versions; docs/protocol.md §2.5): MAJOR[.MINOR[.PATCH]]
    /// with optional -prerelease and +build; missing parts are 0, leading zeros are rejected, build
    /// metadata is ignored. Parsing and comparing allocate nothing.
    /// </summary>
    internal readonly struct SemanticVersion : IComparable<SemanticVersion>
    {
        private readonly string _source;
        private readonly int _preStart;
        private readonly int _preEnd;

        private SemanticVersion(int major, int minor, int patch, string source, int preStart, int preEnd)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            _source = source;
            _preStart = preStart;
            _preEnd = preEnd;
        }

        public int Major { get; }
        public int Minor { get; }
        public int Patch { get; }
        private bool HasPrerelease => _preEnd > _preStart;

        public static bool TryParse(string text, out SemanticVersion version)
        {
            version = default;
            if (text is null) return false;
            var i = 0;
            if (!TryNumber(text, ref i, out var major)) return false;
            int minor = 0, patch = 0;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                if (!TryNumber(text, ref i, out minor)) return false;
                if (i < text.Length && text[i] == '.')
                {
                    i++;
                    if (!TryNumber(text, ref i, out patch)) return false;
                }
            }
            int preStart = i, preEnd = i;
            if (i < text.Length && text[i] == '-')
            {
                preStart = ++i;
                if (!TryIdentifiers(text, ref i, prerelease: true)) return false;
                preEnd = i;
            }
            if (i < text.Length && text[i] == '+')
            {
                i++;
                if (!TryIdentifiers(text, ref i, prerelease: false)) return false;
            }
            if (i != text.Length) return false;
            version = new SemanticVersion(major, minor, patch, text, preStart, preEnd);
            return true;
        }

        /// <summary>0 or [1-9][0-9]*, fitting in an int.</summary>
        private static bool TryNumber(string text, ref int i, out int value)
        {
            value = 0;
            var start = i;
            long accumulated = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                accumulated = accumulated * 10 + (text[i] - '0');
                if (accumulated > int.MaxValue) return false;
                i++;
            }
            if (i == start || (text[start] == '0' && i - start > 1)) return false;
            value = (int)accumulated;
            return true;
        }

        /// <summary>Dot-separated identifiers of [0-9A-Za-z-]; numeric prerelease identifiers have no leading zero.</summary>
        private static bool TryIdentifiers(string text, ref int i, bool prerelease)
        {
            while (true)
            {
                var start = i;
                var allDigits = true;
                while (i < text.Length && IsIdentifierChar(text[i]))
                {
                    if (text[i] < '0' || text[i] > '9') allDigits = false;
                    i++;
                }
                if (i == start) return false;
                if (prerelease && allDigits && text[start] == '0' && i - start > 1) return false;
                if (i < text.Length && text[i] == '.') { i++; continue; }
                return true;
            }
        }

        private static bool IsIdentifierChar(char c) =>
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';

        public int CompareTo(SemanticVersion other)
        {
            var c = Major.CompareTo(other.Major);
            if (c != 0) return c;
            c = Minor.CompareTo(other.Minor);
            if (c != 0) return c;
            c = Patch.CompareTo(other.Patch);
            if (c != 0) return c;
            if (!HasPrerelease) return other.HasPrerelease ? 1 : 0;
            if (!other.HasPrerelease) return -1;
            return ComparePrerelease(other);
        }

        private int ComparePrerelease(SemanticVersion other)
        {
            int a = _preStart, b = other._preStart;
            while (a < _preEnd && b < other._preEnd)
            {
                var aEnd = _source.IndexOf('.', a, _preEnd - a);
                if (aEnd < 0) aEnd = _preEnd;
                var bEnd = other._source.IndexOf('.', b, other._preEnd - b);
                if (bEnd < 0) bEnd = other._preEnd;
                int c;
                if (TryInt(_source, a, aEnd, out var x) && TryInt(other._source, b, bEnd, out var y))
                {
                    c = x.CompareTo(y);
                }
                else
                {
                    c = CompareOrdinal(_source, a, aEnd, other._source, b, bEnd);
                }
                if (c != 0) return c;
                a = aEnd + 1;
                b = bEnd + 1;
            }
            // More identifiers rank higher when all shared ones are equal.
            var aLeft = a < _preEnd;
            var bLeft = b < other._preEnd;
            return aLeft == bLeft ? 0 : (aLeft ? 1 : -1);
        }

        /// <summary>Java's String.compareTo on two ranges: UTF-16 code units, then length.</summary>
        private static int CompareOrdinal(string x, int xStart, int xEnd, string y, int yStart, int yEnd)
        {
            var length = Math.Min(xEnd - xStart, yEnd - yStart);
            for (var k = 0; k < length; k++)
            {
                var c = x[xStart + k] - y[yStart + k];
                if (c != 0) return c;
            }
            return (xEnd - xStart) - (yEnd - yStart);
        }

        private static bool TryInt(string s, int start, int end, out int value)
        {
            value = 0;
            long accumulated = 0;
            if (start == end) return false;
            for (var i = start; i < end; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
                accumulated = accumulated * 10 + (s[i] - '0');
                if (accumulated > int.MaxValue) return false;
            }
            value = (int)accumulated;
            return true;
        }
    }
}
