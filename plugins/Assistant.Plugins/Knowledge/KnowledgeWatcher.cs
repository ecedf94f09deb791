using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Assistant.Plugins.Knowledge;

/// <summary>Loads the help articles before the service takes traffic, and again whenever a file in the folder changes.</summary>
public sealed partial class KnowledgeWatcher(KnowledgeLibrary library, ILogger<KnowledgeWatcher> logger) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await library.LoadAsync(cancellationToken);
        _debounce = new Timer(_ => _ = ReloadAsync(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            _watcher = new FileSystemWatcher(library.Folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            // Editors write a file in several steps; load once they are done.
            var debounce = _debounce;
            void Changed(object sender, FileSystemEventArgs e) => debounce.Change(TimeSpan.FromMilliseconds(500), Timeout.InfiniteTimeSpan);
            _watcher.Changed += Changed;
            _watcher.Created += Changed;
            _watcher.Deleted += Changed;
            _watcher.Renamed += Changed;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            Log.WatchUnavailable(logger, ex, library.Folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _watcher?.Dispose();
        _debounce?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
        _loading.Dispose();
    }

    private async Task ReloadAsync()
    {
        await _loading.WaitAsync();
        try
        {
            await library.LoadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // A database blip must not stop the watcher: the next change, or the next start, loads again.
            Log.ReloadFailed(logger, ex);
        }
        finally
        {
            _loading.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes; help articles are loaded at start only.")]
        public static partial void WatchUnavailable(ILogger logger, Exception exception, string folder);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Reloading the help articles failed; the previous ones stay searchable.")]
        public static partial void ReloadFailed(ILogger logger, Exception exception);
    }
}
