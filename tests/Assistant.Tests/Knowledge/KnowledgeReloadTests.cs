using Assistant.Plugins.Knowledge;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Tests.Knowledge;

/// <summary>The article folder is watched: a written, broken or deleted file changes what the assistant finds.</summary>
public sealed class KnowledgeReloadTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("knowledge-").FullName;
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private TestDatabase _database = null!;
    private KnowledgeRepository _knowledge = null!;
    private KnowledgeWatcher _watcher = null!;

    public KnowledgeReloadTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _knowledge = new KnowledgeRepository(_database.DataSource);
        await WriteAsync("gifts.md", "Gift wrapping", "We wrap any item in recycled paper for 2 EUR.");
        var library = new KnowledgeLibrary(_knowledge, Options.Create(new KnowledgeOptions { Path = _folder }), _loggers.CreateLogger<KnowledgeLibrary>());
        _watcher = new KnowledgeWatcher(library, _loggers.CreateLogger<KnowledgeWatcher>());
        await _watcher.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _watcher.StopAsync(CancellationToken.None);
        _watcher.Dispose();
        _loggers.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Articles_in_the_folder_are_searchable_once_started()
    {
        var found = await SearchAsync("gift wrapping");

        Assert.Equal("Gift wrapping", Assert.Single(found).Title);
    }

    [Fact]
    public async Task New_file_becomes_searchable_without_a_restart()
    {
        await WriteAsync("warranty.md", "Warranty", "Every clock carries a two year warranty.");

        await Eventually.WaitForAsync(() => SearchAsync("clock warranty"), found => found.Count == 1, "the new article to be found");
    }

    [Fact]
    public async Task Changed_file_replaces_its_passages()
    {
        await WriteAsync("gifts.md", "Gift wrapping", "Gift wrapping is free in December.");

        var found = await Eventually.WaitForAsync(() => SearchAsync("gift wrapping"), f => f.Count == 1 && f[0].Text.Contains("December", StringComparison.Ordinal), "the changed text");
        Assert.DoesNotContain("2 EUR", found[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_file_keeps_its_last_good_version_and_is_logged_by_name()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "gifts.md"), "no front matter any more", TestContext.Current.CancellationToken);

        await Eventually.WaitForAsync(() => Task.FromResult(_logs.Contains("file:gifts.md: an article starts with front matter")), logged => logged, "the broken file to be logged");
        Assert.Single(await SearchAsync("gift wrapping"));
    }

    [Fact]
    public async Task Deleted_file_is_no_longer_found()
    {
        File.Delete(Path.Combine(_folder, "gifts.md"));

        await Eventually.WaitForAsync(() => SearchAsync("gift wrapping"), found => found.Count == 0, "the deleted article to go");
    }

    private Task<IReadOnlyList<PassageHit>> SearchAsync(string question) => _knowledge.SearchAsync(question, "en", 3, CancellationToken.None);

    private Task WriteAsync(string name, string title, string text) =>
        File.WriteAllTextAsync(Path.Combine(_folder, name), $"---\ntitle: {title}\nlocale: en\nurl: https://shop.example.com/help/{Path.GetFileNameWithoutExtension(name)}\n---\n{text}\n");
}
