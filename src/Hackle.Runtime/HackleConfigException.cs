using System;

namespace Hackle
{
    /// <summary>A workspace config that cannot be read; the message names the position of the problem.</summary>
    public sealed class HackleConfigException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public HackleConfigException(string message, long? line = null, long? column = null, Exception? inner = null)
            : base(message, inner)
        {
            Line = line;
            Column = column;
        }

        /// <summary>The 1-based line of the problem, when known.</summary>
        public long? Line { get; }
        /// <summary>The 1-based column (byte in line) of the problem, when known.</summary>
        public long? Column { get; }
    }
}
