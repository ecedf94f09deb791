using Assistant.Engine.Storage;
using Assistant.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Assistant.Tests.Storage;

/// <summary>Upgrading a database whose catalog index is built: migration 0029 turns its rows per word into posting lists.</summary>
public sealed class CatalogPostingsMigrationTests : IAsyncLifetime
{
    private const string PostingsMigration = "0029_catalog_posting_lists";
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_built_index_keeps_every_words_products_across_the_upgrade()
    {
        // Arrange: the index as the row-per-word schema held it.
        await _database.MigrateBeforeAsync(PostingsMigration);
        await _database.ExecuteAsync("""
            INSERT INTO catalog_entries (product_id, words_hash, words, price) VALUES
                (7, 'a', '{rain,jacket,~雨衣}', 10), (3, 'b', '{rain,boots}', 20);
            INSERT INTO catalog_words (word, product_id) VALUES ('rain', 7), ('jacket', 7), ('~雨衣', 7), ('rain', 3), ('boots', 3);
            """);

        // Act
        await new DatabaseMigrator(_database.DataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        // Assert
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var postings = (await connection.QueryAsync<(string Word, long[] Products)>("SELECT word, ARRAY(SELECT catalog_posting_ids(products)) FROM catalog_postings ORDER BY word"))
            .ToDictionary(p => p.Word, p => p.Products);
        Assert.Equal(["boots", "jacket", "rain", "~雨衣"], postings.Keys);
        Assert.Equal([3L, 7L], postings["rain"]);
        Assert.Equal([7L], postings["~雨衣"]);
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('catalog_words')::text"));
    }
}
