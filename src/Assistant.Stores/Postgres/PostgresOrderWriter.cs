using System.Text.Json;
using System.Text.Json.Nodes;
using Assistant.Engine.Store;
using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres;

/// <summary>
/// Order actions on <c>Store__Kind=postgres</c>: the assistant does not change the store's orders itself but files a
/// request in <c>shop.order_requests</c>, which the store's own system processes and whose status it sets. The
/// request's id is the action's key, so filing it twice files it once.
/// </summary>
public sealed class PostgresOrderWriter(ShopDatabase database, PostgresOrderStore orders) : IOrderWriter
{
    public Task<ShopOrderDetails?> ReadAsync(string orderNumber, CancellationToken cancellationToken) => orders.GetOrderAsync(orderNumber, cancellationToken);

    public async Task<StoreWriteResult> WriteAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO shop.order_requests (id, order_number, kind, payload, conversation)
            VALUES (@Id, @OrderNumber, @Kind, @Payload::jsonb, @Conversation)
            ON CONFLICT (id) DO NOTHING
            """;
        await RunAsync(async connection => await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            Id = request.Key,
            request.Order.Order.OrderNumber,
            request.Kind,
            Payload = Payload(request),
            request.Conversation,
        }, cancellationToken: cancellationToken)), cancellationToken);
        return StoreWriteResult.Accepted;
    }

    public async Task<StoreReadBack> ReadBackAsync(OrderWriteRequest request, CancellationToken cancellationToken)
    {
        var status = await RunAsync(connection => connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM shop.order_requests WHERE id = @Id", new { Id = request.Key }, cancellationToken: cancellationToken)), cancellationToken);
        return status is null or "rejected" ? new StoreReadBack(false, status ?? "missing") : new StoreReadBack(true, status);
    }

    /// <summary>What the store's system needs to carry the request out: the items of a return, the new address, the customer's reason.</summary>
    private static string Payload(OrderWriteRequest request)
    {
        var payload = new JsonObject();
        if (request.Reason is { } reason)
        {
            payload["reason"] = reason;
        }

        if (request.Address is { } address)
        {
            payload["address"] = JsonSerializer.SerializeToNode(address, StoreJsonContext.Default.ShippingAddress);
        }

        if (request.Kind == "return")
        {
            payload["items"] = new JsonArray([.. request.Items.Select(i => (JsonNode)new JsonObject { ["sku"] = i.Sku, ["quantity"] = i.Quantity })]);
        }

        return payload.ToJsonString();
    }

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StoreUnavailableException("The store's database did not take the request (ConnectionStrings__Orders).", ex);
        }
    }
}
