using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hackle.Integration.Tests.Support;

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception, string StateText = "")
{
    /// <summary>
    /// Everything a log sink could print: the message, the structured properties (as a JSON or OpenTelemetry
    /// exporter writes them), the exception with its stack and inner exceptions.
    /// </summary>
    public string FullText => Message + "\n" + StateText + "\n" + Exception;
}

/// <summary>An ILoggerFactory that keeps every entry, at every level, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public LogCapture()
    {
        Factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));
    }

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public int Count(int eventId) => Entries.Count(e => e.EventId.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, StateText(state)));

        private static string StateText<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> properties
                ? string.Join("; ", properties.Select(p => p.Key + "=" + p.Value))
                : state?.ToString() ?? "";
    }
}
