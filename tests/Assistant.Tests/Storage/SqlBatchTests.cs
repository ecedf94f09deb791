using Assistant.Engine.Storage;
using Assistant.Tests.Infrastructure;
using Npgsql;

namespace Assistant.Tests.Storage;

/// <summary>Statements gathered from several owners and sent in one round trip.</summary>
public sealed class SqlBatchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateAsync(migrate: false);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rows_of_each_statement_are_read_in_order_past_statements_without_rows()
    {
        // Arrange
        var batch = new SqlBatch();
        batch.Execute("CREATE TEMP TABLE numbers (n bigint)");
        var first = batch.Query<long>("SELECT @N * 2", new { N = 21L });
        batch.Execute("INSERT INTO numbers VALUES (1), (2)");
        var second = batch.Query<string>("SELECT 'a' UNION ALL SELECT 'b'");
        var inserted = batch.Execute("INSERT INTO numbers VALUES (3)");

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal([42L], first.Rows);
        Assert.Equal(["a", "b"], second.Rows);
        Assert.Equal(1, inserted.RecordsAffected);
    }

    [Fact]
    public async Task Batch_is_one_transaction_so_a_failing_statement_undoes_the_ones_before_it()
    {
        // Arrange
        await _database.ExecuteAsync("CREATE TABLE notes (text text NOT NULL)");
        var batch = new SqlBatch();
        var succeeded = false;
        batch.Execute("INSERT INTO notes VALUES (@Text)", new { Text = "kept?" });
        batch.Execute("INSERT INTO notes VALUES (@Text)", new { Text = (string?)null });
        batch.AfterSuccess(() => succeeded = true);

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var failure = await Assert.ThrowsAsync<PostgresException>(() => batch.ExecuteAsync(connection, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(PostgresErrorCodes.NotNullViolation, failure.SqlState);
        Assert.Equal(0, await _database.CountAsync("notes"));
        Assert.False(succeeded);
    }

    [Fact]
    public async Task Parameters_are_typed_from_their_properties_even_when_null()
    {
        // Arrange
        var batch = new SqlBatch();
        var types = batch.Query<string>(
            "SELECT concat_ws(',', pg_typeof(@Id), pg_typeof(@Name), pg_typeof(@At), pg_typeof(@Labels), pg_typeof(@Empty))",
            new { Id = (long?)null, Name = (string?)null, At = (DateTimeOffset?)null, Labels = new[] { "vip" }, Empty = (string[]?)null, Unused = 1 });

        // Act
        await using var connection = await _database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await batch.ExecuteAsync(connection, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("bigint,text,timestamp with time zone,text[],text[]", Assert.Single(types.Rows));
    }
}
