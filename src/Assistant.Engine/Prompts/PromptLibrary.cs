using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Prompts;

/// <summary>
/// The current prompts. Loaded (and validated) at start; re-read when a file in the folder changes, keeping the last
/// good version, and logging why, when the new one is invalid.
/// </summary>
public sealed partial class PromptLibrary : IDisposable
{
    private readonly string _folder;
    private readonly ILogger<PromptLibrary> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private volatile PromptSet _current;

    public PromptLibrary(IOptions<PromptOptions> options, ILogger<PromptLibrary> logger)
    {
        _folder = options.Value.ResolvedPath;
        _logger = logger;
        _current = PromptLoader.Load(_folder);
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            _watcher = new FileSystemWatcher(_folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.Deleted += (_, _) => ScheduleReload();
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            Log.WatchUnavailable(logger, ex, _folder);
        }
    }

    public PromptSet Current => _current;

    public LocaleTexts Texts(string? language) => _current.Locales.For(language);

    /// <summary>Re-reads the folder now; the previous version stays when the new one is invalid.</summary>
    public bool Reload()
    {
        try
        {
            _current = PromptLoader.Load(_folder);
            Log.Reloaded(_logger, _folder);
            return true;
        }
        catch (Exception ex) when (ex is PromptException or IOException)
        {
            Log.ReloadFailed(_logger, ex.Message);
            return false;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce.Dispose();
    }

    // Editors write a file in several steps; reload once they are done.
    private void ScheduleReload() => _debounce.Change(TimeSpan.FromMilliseconds(300), Timeout.InfiniteTimeSpan);

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Prompts reloaded from {Folder}.")]
        public static partial void Reloaded(ILogger logger, string folder);

        [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "The changed prompts are invalid; keeping the previous version. {Reason}")]
        public static partial void ReloadFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; prompts are read at start only.")]
        public static partial void WatchUnavailable(ILogger logger, Exception exception, string folder);
    }
}
