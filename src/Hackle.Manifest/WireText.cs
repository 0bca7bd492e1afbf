namespace Hackle.Manifest
{
    /// <summary>Text-level rules both readers share.</summary>
    internal static class WireText
    {
        /// <summary>
        /// A UTF-8 byte-order mark (EF BB BF; U+FEFF once decoded), which many Windows editors write. Both
        /// readers skip one at the very start of the document; anywhere else it is an error.
        /// </summary>
        public const char ByteOrderMark = '\uFEFF';

        /// <summary>The UTF-8 encoding of <see cref="ByteOrderMark"/>.</summary>
        public static readonly byte[] Utf8ByteOrderMark = { 0xEF, 0xBB, 0xBF };

        /// <summary>The deepest nesting either reader accepts; deeper documents are rejected as a whole.</summary>
        public const int MaxDepth = 128;
    }
}
