using Assistant.Engine.Store;
using Dapper;

namespace Assistant.Stores.Postgres;

/// <summary>
/// A small demo store for `assistant seed-demo`, the quick start and the tests: customers with company accounts and
/// Chinese and Vietnamese names, orders in every status, multi-item orders with images, shipments with timelines, and
/// the catalog they were bought from (<see cref="DemoCatalog"/>).
/// Insert-only and re-runnable: existing rows are left alone.
/// </summary>
public sealed class DemoStore(ShopDatabase database)
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<ShopCustomer> Customers { get; } =
    [
        new(1, "Jane Doe", null, "jane@example.com", "+4915112345678", "cus_jane", "en"),
        new(2, "Omar Haddad", "Haddad Trading GmbH", "omar@haddad-trading.example", "+4930555000111", "cus_omar", "en"),
        new(3, "王小明", null, "xiaoming.wang@example.cn", "+8613800138000", "cus_wang", "zh-CN"),
        new(4, "李娜", "上海青禾贸易有限公司", "li.na@qinghe.example.cn", "+8613912345678", "cus_lina", "zh-CN"),
        new(5, "Nguyễn Văn An", null, "an.nguyen@example.vn", "+84901234567", "cus_an", "vi"),
        new(6, "Trần Thị Bích", "Công ty TNHH Bích Hà", "bich.tran@bichha.example.vn", "+84912345678", "cus_bich", "vi"),
        new(7, "Carlos Mendes", null, "carlos@example.pt", "+351912345678", "cus_carlos", "en"),
        new(8, "Priya Raman", "Raman Design Studio", "priya@ramandesign.example", "+447700900123", "cus_priya", "en"),
    ];

    private static readonly (long Id, string Number, long Customer, string Status, int DaysAgo, string Currency)[] Orders =
    [
        (1, "1001", 1, "delivered", 20, "EUR"),
        (2, "1042", 1, "shipped", 3, "EUR"),
        (3, "1043", 1, "processing", 1, "EUR"),
        (4, "1050", 2, "paid", 2, "EUR"),
        (5, "1051", 2, "completed", 40, "EUR"),
        (6, "2001", 3, "shipped", 4, "CNY"),
        (7, "2002", 3, "cancelled", 15, "CNY"),
        (8, "2010", 4, "pending", 0, "CNY"),
        (9, "3001", 5, "shipped", 5, "VND"),
        (10, "3002", 5, "refunded", 30, "VND"),
        (11, "3010", 6, "delivered", 9, "VND"),
        (12, "4001", 7, "failed", 1, "EUR"),
        (13, "4002", 8, "shipped", 6, "GBP"),
    ];

    private static readonly (long Id, long Order, string Sku, string Name, int Quantity, decimal Price)[] Items =
    [
        (1, 1, "TEE-BLK-M", "Organic cotton T-shirt, black, M", 2, 19.90m),
        (2, 2, "SNK-WHT-42", "Canvas sneakers, white, 42", 1, 59.90m),
        (3, 2, "SCK-3PK", "Merino socks, 3-pack", 1, 14.50m),
        (4, 3, "JKT-NVY-L", "Rain jacket, navy, L", 1, 89.00m),
        (5, 4, "MUG-STN-12", "Stoneware mug (box of 12)", 10, 48.00m),
        (6, 5, "BAG-TOTE", "Canvas tote bag", 25, 6.50m),
        (7, 6, "TEA-LJ-250", "龙井绿茶 250g", 2, 128.00m),
        (8, 6, "CUP-CER-4", "青瓷茶杯（4只装）", 1, 199.00m),
        (9, 7, "FAN-DSK", "桌面风扇", 1, 159.00m),
        (10, 8, "NBK-A5-10", "A5 笔记本（10本）", 5, 85.00m),
        (11, 9, "CF-RB-500", "Cà phê Robusta rang xay 500g", 3, 185000m),
        (12, 9, "PHN-FLT", "Phin pha cà phê inox", 2, 65000m),
        (13, 10, "HAT-NON", "Nón lá", 1, 120000m),
        (14, 11, "AO-DAI-S", "Áo dài lụa, size S", 1, 1450000m),
        (15, 12, "LMP-DSK", "Desk lamp, brass", 1, 129.00m),
        (16, 13, "PEN-FTN", "Fountain pen, green", 1, 45.00m),
        (17, 13, "INK-BLU", "Bottled ink, blue", 2, 12.00m),
        (18, 13, "PAD-DOT", "Dot-grid notepad", 3, 8.50m),
    ];

    private static readonly (long Id, long Order, string Carrier, string Tracking, string Status, int ShippedDaysAgo, int? EtaDays, bool Delivered)[] Shipments =
    [
        (1, 1, "DHL", "JD014600003828", "delivered", 18, null, true),
        (2, 2, "DHL", "JD014600006611", "in_transit", 2, 2, false),
        (3, 5, "UPS", "1Z999AA10123456784", "delivered", 38, null, true),
        (4, 6, "顺丰速运", "SF1234567890123", "out_for_delivery", 3, 0, false),
        (5, 9, "Giao Hàng Nhanh", "GHN5AB12CD", "in_transit", 4, 1, false),
        (6, 11, "Viettel Post", "VTP887766554", "delivered", 8, null, true),
        (7, 13, "Royal Mail", "RM123456785GB", "exception", 5, 1, false),
    ];

    private static readonly (long Id, long Shipment, int HoursAfterShipping, string? Location, string Description)[] Events =
    [
        (1, 1, 0, "Leipzig", "Picked up"), (2, 1, 30, "Berlin", "Out for delivery"), (3, 1, 36, "Berlin", "Delivered to the front door"),
        (4, 2, 0, "Leipzig", "Picked up"), (5, 2, 20, "Hannover", "Arrived at the sorting centre"),
        (6, 3, 0, "Köln", "Picked up"), (7, 3, 40, "Düsseldorf", "Delivered"),
        (8, 4, 0, "杭州", "已揽收"), (9, 4, 26, "上海", "到达转运中心"), (10, 4, 50, "上海", "派送中"),
        (11, 5, 0, "TP. Hồ Chí Minh", "Đã lấy hàng"), (12, 5, 30, "Đà Nẵng", "Đang trung chuyển"),
        (13, 6, 0, "Hà Nội", "Đã lấy hàng"), (14, 6, 28, "Hà Nội", "Giao hàng thành công"),
        (15, 7, 0, "London", "Collected"), (16, 7, 48, "Manchester", "Address could not be found; held at the depot"),
    ];

    /// <returns>How many rows were inserted (0 when the demo store is already there).</returns>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = 0;

        inserted += await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.customers (id, name, company, email, phone, external_id, locale)
            VALUES (@Id, @Name, @Company, @Email, @Phone, @ExternalId, @Locale) ON CONFLICT DO NOTHING
            """, Customers, transaction, cancellationToken: cancellationToken));

        var orderRows = Orders.Select(o =>
        {
            var subtotal = Items.Where(i => i.Order == o.Id).Sum(i => i.Price * i.Quantity);
            var shipping = o.Currency == "VND" ? 30000m : o.Currency == "CNY" ? 0m : 4.90m;
            return new
            {
                o.Id,
                OrderNumber = o.Number,
                CustomerId = o.Customer,
                o.Status,
                o.Currency,
                Subtotal = subtotal,
                ShippingFee = shipping,
                Total = subtotal + shipping,
                PlacedAt = Epoch.AddDays(20 - o.DaysAgo),
                Remark = o.Id == 4 ? "Invoice to accounts@haddad-trading.example" : null,
            };
        });
        inserted += await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.orders (id, order_number, customer_id, status, currency, subtotal, shipping_fee, total, placed_at, remark)
            VALUES (@Id, @OrderNumber, @CustomerId, @Status, @Currency, @Subtotal, @ShippingFee, @Total, @PlacedAt, @Remark) ON CONFLICT DO NOTHING
            """, orderRows, transaction, cancellationToken: cancellationToken));

        inserted += await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.order_items (id, order_id, sku, name, quantity, unit_price, image_url)
            VALUES (@Id, @Order, @Sku, @Name, @Quantity, @Price, @ImageUrl) ON CONFLICT DO NOTHING
            """, Items.Select(i => new { i.Id, i.Order, i.Sku, i.Name, i.Quantity, i.Price, ImageUrl = $"https://shop.example.com/images/{i.Sku.ToLowerInvariant()}.jpg" }),
            transaction, cancellationToken: cancellationToken));

        var placed = orderRows.ToDictionary(o => o.Id, o => o.PlacedAt);
        inserted += await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.shipments (id, order_id, carrier, tracking_number, tracking_url, status, shipped_at, estimated_delivery, delivered_at)
            VALUES (@Id, @Order, @Carrier, @Tracking, @TrackingUrl, @Status, @ShippedAt, @Eta, @DeliveredAt) ON CONFLICT DO NOTHING
            """, Shipments.Select(s =>
            {
                var shippedAt = placed[s.Order].AddDays(1);
                return new
                {
                    s.Id,
                    s.Order,
                    s.Carrier,
                    s.Tracking,
                    TrackingUrl = $"https://track.example.com/{s.Tracking}",
                    s.Status,
                    ShippedAt = shippedAt,
                    Eta = s.EtaDays is { } days ? DateOnly.FromDateTime(shippedAt.AddDays(days + 2).UtcDateTime) : (DateOnly?)null,
                    DeliveredAt = s.Delivered ? shippedAt.AddDays(2) : (DateTimeOffset?)null,
                };
            }), transaction, cancellationToken: cancellationToken));

        var shippedAtById = Shipments.ToDictionary(s => s.Id, s => placed[s.Order].AddDays(1));
        inserted += await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.shipment_events (id, shipment_id, occurred_at, location, description)
            VALUES (@Id, @Shipment, @OccurredAt, @Location, @Description) ON CONFLICT DO NOTHING
            """, Events.Select(e => new { e.Id, e.Shipment, OccurredAt = shippedAtById[e.Shipment].AddHours(e.HoursAfterShipping), e.Location, e.Description }),
            transaction, cancellationToken: cancellationToken));

        inserted += await DemoCatalog.InsertAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }
}
