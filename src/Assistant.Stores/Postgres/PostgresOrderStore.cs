using Assistant.Engine.Store;
using Dapper;

namespace Assistant.Stores.Postgres;

/// <summary>
/// The customers and orders of <c>Store__Kind=postgres</c>: the <c>shop</c> tables or views. Knows nothing of who may
/// see what: the order tools decide.
/// </summary>
public sealed class PostgresOrderStore(ShopDatabase database) : IOrderStore
{
    public async Task<IReadOnlyList<ShopCustomer>> FindCustomersAsync(string? externalId, string? email, string? phone, CancellationToken cancellationToken)
    {
        if (externalId is null && email is null && phone is null)
        {
            return [];
        }

        const string sql = """
            SELECT id, name, company, email, phone, external_id, locale
            FROM shop.customers
            WHERE (@ExternalId::text IS NOT NULL AND external_id = @ExternalId)
               OR (@Email::text IS NOT NULL AND lower(email) = lower(@Email))
               OR (@PhoneTail::text IS NOT NULL AND right(regexp_replace(phone, '[^0-9]', '', 'g'), 8) = @PhoneTail)
            ORDER BY id
            LIMIT 20
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShopCustomer>(new CommandDefinition(sql,
            new { ExternalId = externalId, Email = email?.Trim(), PhoneTail = PhoneNumber.Parse(phone)?.Digits[^8..] }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<ShopOrderDetails?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, order_number, customer_id, status, currency, subtotal, shipping_fee, total, placed_at, remark
            FROM shop.orders WHERE upper(order_number) = upper(@OrderNumber);
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var order = await connection.QuerySingleOrDefaultAsync<ShopOrder>(new CommandDefinition(sql, new { OrderNumber = orderNumber.Trim().TrimStart('#') }, cancellationToken: cancellationToken));
        return order is null ? null : await DetailsAsync(connection, order, cancellationToken);
    }

    public async Task<IReadOnlyList<ShopOrderDetails>> RecentOrdersAsync(IReadOnlyCollection<long> customerIds, int limit, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, order_number, customer_id, status, currency, subtotal, shipping_fee, total, placed_at, remark
            FROM shop.orders WHERE customer_id = ANY(@CustomerIds) ORDER BY placed_at DESC, id DESC LIMIT @Limit
            """;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        var orders = await connection.QueryAsync<ShopOrder>(new CommandDefinition(sql,
            new { CustomerIds = customerIds.ToArray(), Limit = limit }, cancellationToken: cancellationToken));
        var details = new List<ShopOrderDetails>();
        foreach (var order in orders)
        {
            details.Add(await DetailsAsync(connection, order, cancellationToken));
        }

        return details;
    }

    private static async Task<ShopOrderDetails> DetailsAsync(Npgsql.NpgsqlConnection connection, ShopOrder order, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT id, name, company, email, phone, external_id, locale FROM shop.customers WHERE id = @CustomerId;
            SELECT id, order_id, sku, name, quantity, unit_price, image_url FROM shop.order_items WHERE order_id = @Id ORDER BY id;
            SELECT id, order_id, carrier, tracking_number, tracking_url, status, shipped_at, estimated_delivery, delivered_at
            FROM shop.shipments WHERE order_id = @Id ORDER BY id;
            SELECT e.id, e.shipment_id, e.occurred_at, e.location, e.description
            FROM shop.shipment_events e JOIN shop.shipments s ON s.id = e.shipment_id
            WHERE s.order_id = @Id ORDER BY e.occurred_at, e.id;
            """;
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { order.Id, order.CustomerId }, cancellationToken: cancellationToken));
        var owner = await results.ReadSingleAsync<ShopCustomer>();
        var items = (await results.ReadAsync<ShopOrderItem>()).AsList();
        var shipments = (await results.ReadAsync<ShopShipment>()).AsList();
        var events = (await results.ReadAsync<ShopShipmentEvent>()).AsList();
        return new ShopOrderDetails(order, owner, items, shipments, events);
    }
}
