using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Assistant.Tests.Security;

/// <summary>Every query of the store's tables is bounded: a slow view or a pathological search is cancelled on the server.</summary>
public sealed class StoreQueryTimeoutTests : ServiceTestBase
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["Orders:StatementTimeout"] = "00:00:01";

    [Fact]
    public async Task A_store_query_that_runs_past_the_statement_timeout_is_cancelled()
    {
        // Arrange
        var shop = Server.Services.GetRequiredService<ShopDatabase>();
        await using var connection = await shop.DataSource.OpenConnectionAsync(Token);

        // Act
        var failure = await Assert.ThrowsAnyAsync<NpgsqlException>(() => connection.ExecuteAsync("SELECT pg_sleep(30)"));

        // Assert: Npgsql gave up on the command, and told the server to stop it.
        Assert.IsType<TimeoutException>(failure.InnerException);
        await Eventually.WaitForAsync(() => Database.CountAsync("pg_stat_activity WHERE query = 'SELECT pg_sleep(30)' AND state = 'active'"),
            n => n == 0, "the server to stop the query");
    }
}
