using System;
using System.Diagnostics;
using System.IO;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Logging
{
    /// <summary>
    /// The logger of a client given no <see cref="HackleClientOptions.LoggerFactory"/>, so that a rejected
    /// config or an unreachable server is not silent: warnings and errors go to standard error, one line
    /// each, the SDK key redacted, at most <see cref="MaxLinesPerWindow"/> lines a minute (then one line
    /// saying so, and a count of the lines held back when the next minute starts). Writing never throws.
    /// </summary>
    internal sealed class StandardErrorLogger : ILogger
    {
        public const int MaxLinesPerWindow = 10;
        public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        private readonly TextWriter? _writer;
        private readonly SecretRedactor _redactor;
        private readonly object _lock = new object();
        private long _windowStart = long.MinValue;
        private int _writtenInWindow;
        private int _suppressed;

        /// <param name="writer">Where lines go; null for <see cref="Console.Error"/> as it is when each line is written.</param>
        /// <param name="redactor">Removes the SDK key from every line.</param>
        public StandardErrorLogger(TextWriter? writer, SecretRedactor redactor)
        {
            _writer = writer;
            _redactor = redactor;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            try
            {
                var message = formatter(state, exception);
                if (exception != null) message += " (" + _redactor.Describe(exception) + ")";
                var line = (logLevel == LogLevel.Warning ? "warn: " : "fail: ") + OneLine(_redactor.Redact(message)) + " [" + eventId.Id + "]";
                Write(line);
            }
            catch (Exception)
            {
                // A closed or broken stderr must not take the SDK down with it.
            }
        }

        private void Write(string line)
        {
            var writer = _writer ?? Console.Error;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                if (_windowStart == long.MinValue || now - _windowStart >= (long)(Window.TotalSeconds * Stopwatch.Frequency))
                {
                    if (_suppressed > 0) writer.WriteLine("warn: Hackle held back " + _suppressed + " more log lines in the last minute.");
                    _windowStart = now;
                    _writtenInWindow = 0;
                    _suppressed = 0;
                }
                if (_writtenInWindow < MaxLinesPerWindow)
                {
                    _writtenInWindow++;
                    writer.WriteLine(line);
                }
                else
                {
                    if (_suppressed == 0)
                        writer.WriteLine("warn: Hackle writes at most " + MaxLinesPerWindow + " lines a minute to stderr; set HackleClientOptions.LoggerFactory to see every message.");
                    _suppressed++;
                }
            }
        }

        private static string OneLine(string text) =>
            text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0 ? text : text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
    }
}
