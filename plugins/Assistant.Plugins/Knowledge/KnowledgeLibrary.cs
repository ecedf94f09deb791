using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Plugins.Knowledge;

/// <summary>
/// Loads the markdown help articles under <c>Knowledge__Path</c> into the assistant's tables. An invalid file is
/// logged with its name and the reason, and its last good version stays searchable; a deleted file's article goes.
/// </summary>
public sealed partial class KnowledgeLibrary(KnowledgeRepository repository, IOptions<KnowledgeOptions> options, ILogger<KnowledgeLibrary> logger)
{
    public const string FileSource = "file:";

    public string Folder => options.Value.ResolvedPath;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var folder = Folder;
        if (!Directory.Exists(folder))
        {
            Log.NoFolder(logger, folder);
            return;
        }

        var articles = new List<HelpArticle>();
        var invalid = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var source = FileSource + Path.GetRelativePath(folder, file).Replace('\\', '/');
            try
            {
                articles.Add(HelpArticle.Parse(source, await File.ReadAllTextAsync(file, cancellationToken)));
            }
            catch (Exception ex) when (ex is FormatException or IOException)
            {
                invalid.Add(source);
                Log.InvalidArticle(logger, ex.Message);
            }
        }

        var (written, deleted) = await repository.SyncAsync(FileSource, articles, invalid, cancellationToken);
        Log.Loaded(logger, articles.Count, folder, written, deleted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Help articles: {Count} in {Folder} ({Written} written, {Deleted} deleted).")]
        public static partial void Loaded(ILogger logger, int count, string folder, int written, int deleted);

        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "A help article is invalid and keeps its last good version: {Reason}")]
        public static partial void InvalidArticle(ILogger logger, string reason);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "No help articles: {Folder} does not exist (Knowledge__Path).")]
        public static partial void NoFolder(ILogger logger, string folder);
    }
}
