using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Assistant.Tests.Infrastructure;

/// <summary>Every log line a host wrote, rendered with its exception, so tests can look for warnings or leaked secrets.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public bool Contains(string text) => _entries.Any(e => e.Text.Contains(text, StringComparison.Ordinal));

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            var text = $"{formatter(state, exception)} {structured} {exception}";
            owner._entries.Enqueue((logLevel, category, text));
            LogArchive.Append($"{logLevel} {category}: {text}");
        }
    }
}
