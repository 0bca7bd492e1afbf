using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace Hackle.Internal.Logging
{
    /// <summary>
    /// The logger of the user's <see cref="HackleClientOptions.LoggerFactory"/>, behind a guard. Every
    /// place the SDK logs goes through it, so:
    /// <list type="bullet">
    /// <item>no log call throws: a provider's exception (a full disk, a broken sink) is caught and counted,
    /// and polling, delivery and the public API go on;</item>
    /// <item>a provider that keeps failing is given up on: after <see cref="MaxFailuresInARow"/> failures
    /// in a row it is not called for <see cref="Pause"/> (one line to the fallback logger says so),
    /// then tried again;</item>
    /// <item>the SDK key is masked in the message and in every string property a structured sink would
    /// write, whatever the call site (a server's status text may echo it).</item>
    /// </list>
    /// A provider that blocks still blocks the thread that logs; the SDK logs from its background loops
    /// and from the caller's thread only on failures, never on a decision's normal path.
    /// </summary>
    internal sealed class GuardedLogger : ILogger
    {
        public const int MaxFailuresInARow = 20;
        public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);

        private readonly ILogger _inner;
        private readonly ILogger _fallback;
        private readonly SecretRedactor _redactor;
        private long _failures;
        private int _failuresInARow;
        private long _pausedUntil;

        private GuardedLogger(ILogger inner, ILogger fallback, SecretRedactor redactor)
        {
            _inner = inner;
            _fallback = fallback;
            _redactor = redactor;
        }

        /// <summary>
        /// The guarded logger of <paramref name="factory"/>'s category "Hackle"; when the factory cannot
        /// create one, <paramref name="fallback"/> (told why).
        /// </summary>
        public static ILogger Create(ILoggerFactory factory, ILogger fallback, SecretRedactor redactor)
        {
            try
            {
                return new GuardedLogger(factory.CreateLogger("Hackle"), fallback, redactor);
            }
            catch (Exception e)
            {
                TryLog(fallback, "Hackle could not create a logger from HackleClientOptions.LoggerFactory (" + redactor.Describe(e) + "); its messages go to standard error instead.");
                return fallback;
            }
        }

        /// <summary>How many calls to the provider failed so far.</summary>
        public long Failures => Interlocked.Read(ref _failures);

        /// <summary>True while the provider is given up on.</summary>
        public bool IsPaused => Stopwatch.GetTimestamp() < Interlocked.Read(ref _pausedUntil);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            if (IsPaused) return null;
            try
            {
                var scope = _inner.BeginScope(state);
                Succeeded();
                return scope;
            }
            catch (Exception e)
            {
                Failed(e);
                return null;
            }
        }

        public bool IsEnabled(LogLevel logLevel)
        {
            if (IsPaused) return false;
            try
            {
                return _inner.IsEnabled(logLevel);
            }
            catch (Exception e)
            {
                Failed(e);
                return false;
            }
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsPaused) return;
            try
            {
                if (state is IReadOnlyList<KeyValuePair<string, object?>> properties)
                {
                    var redacted = new RedactedState(properties, _redactor, formatter(state, exception));
                    _inner.Log(logLevel, eventId, redacted, exception, RedactedState.Format);
                }
                else
                {
                    _inner.Log(logLevel, eventId, state, exception, (s, e) => _redactor.Redact(formatter(s, e)));
                }
                Succeeded();
            }
            catch (Exception e)
            {
                Failed(e);
            }
        }

        private void Succeeded()
        {
            if (Volatile.Read(ref _failuresInARow) != 0) Interlocked.Exchange(ref _failuresInARow, 0);
        }

        private void Failed(Exception exception)
        {
            Interlocked.Increment(ref _failures);
            if (Interlocked.Increment(ref _failuresInARow) < MaxFailuresInARow) return;
            Interlocked.Exchange(ref _failuresInARow, 0);
            Interlocked.Exchange(ref _pausedUntil, Stopwatch.GetTimestamp() + (long)(Pause.TotalSeconds * Stopwatch.Frequency));
            TryLog(_fallback, "Hackle's logger failed " + MaxFailuresInARow + " times in a row (last: " + _redactor.Describe(exception)
                + "); Hackle stops logging to it for " + Pause.TotalMinutes + " minute(s), " + Failures + " failed calls so far. The SDK keeps working.");
        }

        private static void TryLog(ILogger logger, string message)
        {
            try
            {
                logger.Log(LogLevel.Warning, new EventId(1043, "LoggerFailed"), message, null, (m, _) => m);
            }
            catch (Exception)
            {
                // The fallback is the SDK's own stderr writer or nothing; neither may take the SDK down.
            }
        }

        /// <summary>
        /// A log state whose string values are redacted, in the shape structured sinks read
        /// (<c>{OriginalFormat}</c> and the named values); its text is the redacted message.
        /// </summary>
        private sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
        {
            public static readonly Func<RedactedState, Exception?, string> Format = (state, _) => state._message;

            private readonly KeyValuePair<string, object?>[] _properties;
            private readonly string _message;

            public RedactedState(IReadOnlyList<KeyValuePair<string, object?>> properties, SecretRedactor redactor, string message)
            {
                _message = redactor.Redact(message);
                _properties = new KeyValuePair<string, object?>[properties.Count];
                for (var i = 0; i < _properties.Length; i++)
                {
                    var property = properties[i];
                    _properties[i] = property.Value is string text && property.Key != "{OriginalFormat}"
                        ? new KeyValuePair<string, object?>(property.Key, redactor.Redact(text))
                        : property;
                }
            }

            public int Count => _properties.Length;

            public KeyValuePair<string, object?> this[int index] => _properties[index];

            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_properties).GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString() => _message;
        }
    }
}
