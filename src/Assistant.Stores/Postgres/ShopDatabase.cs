using Assistant.Transport;
using Npgsql;

namespace Assistant.Stores.Postgres;

/// <summary>The order database (<c>ConnectionStrings__Orders</c>, or the state database when unset).</summary>
/// <param name="ownDatabase">
/// Whether the shop's tables live in a database of their own: a query there is then a wait on another service, which
/// lends the turn's <see cref="WorkBudget"/> share out (<see cref="Waiting"/>).
/// </param>
public sealed class ShopDatabase(NpgsqlDataSource dataSource, bool ownDatabase = false) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>Marks a query on a shop database of its own as a wait; on the state database it stays the turn's work.</summary>
    public WorkBudget.AwayScope Waiting() => ownDatabase ? WorkBudget.Away() : default;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
