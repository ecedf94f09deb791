using Npgsql;

namespace Assistant.Stores.Postgres;

/// <summary>The order database (<c>ConnectionStrings__Orders</c>, or the state database when unset).</summary>
public sealed class ShopDatabase(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
