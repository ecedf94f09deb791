using Dapper;
using Npgsql;

namespace Assistant.Stores.Postgres;

/// <summary>
/// The demo store's catalog for `assistant seed-demo`, the quick start and the tests: 45 products in seven categories,
/// each named and described in English, Simplified Chinese and Vietnamese; sizes and colours as separate products,
/// some out of stock, some untracked, one withdrawn. It includes every product the demo orders contain.
/// Seeded with the demo store (<see cref="DemoStore"/>).
/// </summary>
public static class DemoCatalog
{
    public const string Currency = "EUR";
    private const string ImageBase = "https://shop.example.com/images/";
    private const string ProductBase = "https://shop.example.com/products/";

    public static IReadOnlyList<DemoProduct> Products { get; } =
    [
        new(1, "TEE-BLK-M", "apparel", 19.90m, 42, new("Organic cotton T-shirt, black, M", "Soft 180 g organic cotton, regular fit."),
            new("有机棉T恤，黑色，M码", "180克有机棉，常规版型。"), new("Áo thun cotton hữu cơ, đen, size M", "Cotton hữu cơ 180 g, dáng suông.")),
        new(2, "TEE-BLK-L", "apparel", 19.90m, 0, new("Organic cotton T-shirt, black, L", "Soft 180 g organic cotton, regular fit."),
            new("有机棉T恤，黑色，L码", "180克有机棉，常规版型。"), new("Áo thun cotton hữu cơ, đen, size L", "Cotton hữu cơ 180 g, dáng suông.")),
        new(3, "TEE-WHT-M", "apparel", 19.90m, 17, new("Organic cotton T-shirt, white, M", "Soft 180 g organic cotton, regular fit."),
            new("有机棉T恤，白色，M码", "180克有机棉，常规版型。"), new("Áo thun cotton hữu cơ, trắng, size M", "Cotton hữu cơ 180 g, dáng suông.")),
        new(4, "JKT-NVY-M", "apparel", 89.00m, 5, new("Rain jacket, navy, M", "Waterproof, breathable, packs into its own pocket."),
            new("防雨夹克，藏青色，M码", "防水透气，可收纳进自带口袋。"), new("Áo khoác đi mưa, xanh navy, size M", "Chống nước, thoáng khí, gấp gọn vào túi.")),
        new(5, "JKT-NVY-L", "apparel", 89.00m, 2, new("Rain jacket, navy, L", "Waterproof, breathable, packs into its own pocket."),
            new("防雨夹克，藏青色，L码", "防水透气，可收纳进自带口袋。"), new("Áo khoác đi mưa, xanh navy, size L", "Chống nước, thoáng khí, gấp gọn vào túi.")),
        new(6, "JKT-RED-L", "apparel", 89.00m, 0, new("Rain jacket, red, L", "Waterproof, breathable, packs into its own pocket."),
            new("防雨夹克，红色，L码", "防水透气，可收纳进自带口袋。"), new("Áo khoác đi mưa, đỏ, size L", "Chống nước, thoáng khí, gấp gọn vào túi.")),
        new(7, "HOD-GRY-L", "apparel", 79.00m, 8, new("Merino hoodie, grey, L", "Warm, light and odour-resistant merino wool."),
            new("美利奴羊毛连帽衫，灰色，L码", "美利奴羊毛，轻盈保暖，不易有异味。"), new("Áo hoodie len merino, xám, size L", "Len merino ấm, nhẹ, ít bám mùi.")),
        new(8, "AO-DAI-S", "apparel", 59.00m, 3, new("Silk áo dài, size S", "Traditional Vietnamese dress in pure silk."),
            new("丝绸奥黛，S码", "纯丝越南传统长衫。"), new("Áo dài lụa, size S", "Áo dài truyền thống bằng lụa tơ tằm.")),
        new(9, "SNK-WHT-42", "footwear", 59.90m, 11, new("Canvas sneakers, white, 42", "Classic low-top canvas with a natural rubber sole."),
            new("帆布运动鞋，白色，42码", "经典低帮帆布鞋，天然橡胶鞋底。"), new("Giày vải, trắng, size 42", "Giày vải cổ thấp cổ điển, đế cao su tự nhiên.")),
        new(10, "SNK-WHT-43", "footwear", 59.90m, 6, new("Canvas sneakers, white, 43", "Classic low-top canvas with a natural rubber sole."),
            new("帆布运动鞋，白色，43码", "经典低帮帆布鞋，天然橡胶鞋底。"), new("Giày vải, trắng, size 43", "Giày vải cổ thấp cổ điển, đế cao su tự nhiên.")),
        new(11, "BOT-BRN-41", "footwear", 149.00m, 4, new("Leather ankle boots, brown, 41", "Full-grain leather, resoleable."),
            new("真皮短靴，棕色，41码", "全粒面皮革，可换鞋底。"), new("Bốt da cổ ngắn, nâu, size 41", "Da nguyên tấm, có thể thay đế.")),
        new(12, "SND-BLK-40", "footwear", 45.00m, 9, new("Walking sandals, black, 40", "Adjustable straps, cushioned footbed."),
            new("休闲凉鞋，黑色，40码", "可调节鞋带，软垫鞋床。"), new("Dép quai hậu đi bộ, đen, size 40", "Quai điều chỉnh được, lót êm.")),
        new(13, "SCK-3PK", "accessories", 14.50m, 60, new("Merino socks, 3-pack", "Cushioned everyday socks, sizes 39-46."),
            new("美利奴羊毛袜（3双装）", "日常加厚袜，39-46码。"), new("Tất len merino (gói 3 đôi)", "Tất dày dùng hằng ngày, size 39-46.")),
        new(14, "SCF-CSH-GRY", "accessories", 69.00m, 12, new("Cashmere scarf, grey", "Pure cashmere, 180 × 30 cm, in a gift box."),
            new("羊绒围巾，灰色", "纯羊绒，180 × 30 厘米，附礼盒，适合送礼。"), new("Khăn quàng cashmere, xám", "Cashmere nguyên chất, 180 × 30 cm, kèm hộp quà.")),
        new(15, "SCF-SLK-RED", "accessories", 49.00m, 7, new("Silk scarf, red peony print", "Hand-rolled silk twill, 90 × 90 cm, in a gift box."),
            new("真丝围巾，红牡丹印花", "手工卷边真丝斜纹，90 × 90 厘米，附礼盒，适合送礼。"), new("Khăn lụa, họa tiết mẫu đơn đỏ", "Lụa vân chéo viền cuốn tay, 90 × 90 cm, kèm hộp quà.")),
        new(16, "SCF-WOL-NVY", "accessories", 29.00m, 25, new("Wool scarf, navy", "Lambswool, 170 × 25 cm."),
            new("羊毛围巾，藏青色", "小羊毛，170 × 25 厘米。"), new("Khăn len, xanh navy", "Len lông cừu non, 170 × 25 cm.")),
        new(17, "HAT-NON", "accessories", 12.00m, 30, new("Conical hat (nón lá)", "Hand-woven palm leaf hat from Huế."),
            new("越南斗笠", "顺化手工编织棕榈叶斗笠。"), new("Nón lá", "Nón lá Huế đan tay.")),
        new(18, "CAP-BLK", "accessories", 18.00m, 40, new("Baseball cap, black", "Organic cotton, adjustable strap."),
            new("棒球帽，黑色", "有机棉，可调节后扣。"), new("Mũ lưỡi trai, đen", "Cotton hữu cơ, quai điều chỉnh.")),
        new(19, "BAG-TOTE", "accessories", 6.50m, null, new("Canvas tote bag", "Sturdy 12 oz canvas, long handles."),
            new("帆布托特包", "结实的12盎司帆布，长提手。"), new("Túi tote vải canvas", "Vải canvas 12 oz bền chắc, quai dài.")),
        new(20, "BAG-BPK-20", "accessories", 65.00m, 10, new("Daypack backpack, 20 L", "Water-repellent, padded laptop sleeve."),
            new("双肩背包，20升", "防泼水，带软垫电脑隔层。"), new("Ba lô du lịch, 20 lít", "Chống thấm nhẹ, có ngăn laptop lót đệm.")),
        new(21, "WLT-LTH", "accessories", 39.00m, 15, new("Leather wallet, brown", "Vegetable-tanned leather, six card slots."),
            new("真皮钱包，棕色", "植鞣皮革，六个卡位。"), new("Ví da, nâu", "Da thuộc thực vật, sáu ngăn thẻ.")),
        new(22, "UMB-CMP", "accessories", 22.00m, 33, new("Compact umbrella", "Windproof, opens and closes automatically."),
            new("折叠伞", "防风，自动开合。"), new("Ô gấp gọn", "Chống gió, đóng mở tự động.")),
        new(23, "MUG-STN", "kitchen", 6.00m, 120, new("Stoneware mug", "350 ml, dishwasher safe."),
            new("粗陶马克杯", "350毫升，可用洗碗机清洗。"), new("Cốc gốm", "350 ml, dùng được máy rửa bát.")),
        new(24, "MUG-STN-12", "kitchen", 48.00m, 9, new("Stoneware mug (box of 12)", "Twelve 350 ml mugs for offices and cafés."),
            new("粗陶马克杯（12只装）", "12只350毫升马克杯，适合办公室和咖啡馆。"), new("Cốc gốm (hộp 12 chiếc)", "12 cốc 350 ml cho văn phòng và quán cà phê.")),
        new(25, "CUP-CER-4", "kitchen", 24.00m, 14, new("Celadon tea cups (set of 4)", "Hand-glazed celadon, 120 ml each."),
            new("青瓷茶杯（4只装）", "手工施釉青瓷，每只120毫升。"), new("Bộ 4 chén trà men ngọc", "Men ngọc tráng tay, mỗi chén 120 ml.")),
        new(26, "POT-TEA-CI", "kitchen", 55.00m, 6, new("Cast-iron teapot", "0.8 l, enamelled inside, with strainer."),
            new("铸铁茶壶", "0.8升，内壁搪瓷，带滤网。"), new("Ấm trà gang", "0,8 lít, tráng men bên trong, có lưới lọc.")),
        new(27, "PHN-FLT", "kitchen", 4.50m, 80, new("Stainless coffee phin", "The Vietnamese drip filter, one cup."),
            new("不锈钢越南咖啡滴滤壶", "越南滴漏咖啡壶，单杯。"), new("Phin pha cà phê inox", "Phin nhỏ giọt Việt Nam, một ly.")),
        new(28, "KNF-CHF", "kitchen", 75.00m, 5, new("Chef's knife, 20 cm", "Forged stainless steel, olive wood handle."),
            new("主厨刀，20厘米", "锻造不锈钢，橄榄木手柄。"), new("Dao đầu bếp, 20 cm", "Thép không gỉ rèn, cán gỗ ô liu.")),
        new(29, "BRD-OAK", "kitchen", 35.00m, 11, new("Oak cutting board", "Solid oak, 40 × 25 cm."),
            new("橡木砧板", "实心橡木，40 × 25 厘米。"), new("Thớt gỗ sồi", "Gỗ sồi nguyên khối, 40 × 25 cm.")),
        new(30, "TEA-LJ-250", "food", 18.00m, 50, new("Longjing green tea, 250 g", "Spring harvest from Hangzhou."),
            new("龙井绿茶 250克", "杭州春茶。"), new("Trà xanh Long Tỉnh, 250 g", "Trà vụ xuân Hàng Châu.")),
        new(31, "TEA-OOL-100", "food", 12.00m, 0, new("Oolong tea, 100 g", "Lightly roasted Tieguanyin."),
            new("乌龙茶 100克", "轻焙铁观音。"), new("Trà ô long, 100 g", "Thiết Quan Âm rang nhẹ.")),
        new(32, "CF-RB-500", "food", 9.50m, 70, new("Ground Robusta coffee, 500 g", "Dark roast from Đắk Lắk, for the phin."),
            new("罗布斯塔研磨咖啡 500克", "多乐省深焙，适合滴漏壶。"), new("Cà phê Robusta rang xay 500g", "Rang đậm từ Đắk Lắk, hợp pha phin.")),
        new(33, "CF-AR-250", "food", 11.00m, 26, new("Arabica coffee beans, 250 g", "Medium roast from Cầu Đất."),
            new("阿拉比卡咖啡豆 250克", "大叻高地中度烘焙。"), new("Cà phê Arabica hạt, 250 g", "Rang vừa từ Cầu Đất.")),
        new(34, "HNY-WLD", "food", 13.00m, 18, new("Wildflower honey, 500 g", "Raw, unfiltered."),
            new("野花蜂蜜 500克", "生蜂蜜，未过滤。"), new("Mật ong hoa rừng, 500 g", "Mật ong nguyên chất, không lọc.")),
        new(35, "NBK-A5", "stationery", 7.50m, 200, new("A5 notebook, dotted", "120 g paper, lay-flat binding."),
            new("A5 点阵笔记本", "120克纸，可平摊装订。"), new("Sổ tay A5 chấm", "Giấy 120 g, gáy mở phẳng.")),
        new(36, "NBK-A5-10", "stationery", 65.00m, 12, new("A5 notebooks (pack of 10)", "Ten dotted A5 notebooks."),
            new("A5 笔记本（10本）", "10本A5点阵笔记本。"), new("Sổ tay A5 (gói 10 cuốn)", "10 cuốn sổ A5 giấy chấm.")),
        new(37, "PEN-FTN", "stationery", 45.00m, 8, new("Fountain pen, green", "Steel nib, converter included."),
            new("钢笔，绿色", "钢笔尖，附上墨器。"), new("Bút máy, xanh lá", "Ngòi thép, kèm ống bơm mực.")),
        new(38, "PEN-GEL-5", "stationery", 6.00m, 90, new("Gel pens, 5 colours", "0.5 mm, quick-drying ink."),
            new("中性笔（5色装）", "0.5毫米，速干墨水。"), new("Bút gel (5 màu)", "0,5 mm, mực khô nhanh.")),
        new(39, "LMP-DSK", "home", 129.00m, 3, new("Desk lamp, brass", "Adjustable arm, warm LED bulb included."),
            new("黄铜台灯", "可调节灯臂，附暖光LED灯泡。"), new("Đèn bàn đồng thau", "Tay đèn điều chỉnh, kèm bóng LED ánh ấm.")),
        new(40, "FAN-DSK", "home", 39.00m, 0, new("Desk fan", "Quiet, three speeds, USB powered."),
            new("桌面风扇", "静音，三档风速，USB供电。"), new("Quạt để bàn", "Êm, ba tốc độ, cấp điện qua USB.")),
        new(41, "CND-SOY", "home", 16.00m, 22, new("Soy candle, sandalwood", "40 hours, cotton wick."),
            new("檀香大豆蜡烛", "可燃40小时，棉芯。"), new("Nến sáp đậu nành hương đàn hương", "Cháy 40 giờ, bấc cotton.")),
        new(42, "BLK-WOL", "home", 89.00m, 6, new("Wool throw blanket", "Pure new wool, 130 × 170 cm."),
            new("羊毛毯", "纯新羊毛，130 × 170 厘米。"), new("Chăn len", "Len nguyên chất, 130 × 170 cm.")),
        new(43, "GFT-CARD-50", "gifts", 50.00m, null, new("Gift card, €50", "Sent by email, valid for three years."),
            new("礼品卡 50欧元", "通过电子邮件发送，三年有效。"), new("Thẻ quà tặng 50 €", "Gửi qua email, hiệu lực ba năm.")),
        new(44, "GFT-BOX-TEA", "gifts", 39.00m, 9, new("Tea gift box", "Longjing and oolong with two celadon cups."),
            new("茶叶礼盒", "龙井和乌龙茶，配两只青瓷杯，适合送礼。"), new("Hộp quà trà", "Trà Long Tỉnh và ô long kèm hai chén men ngọc.")),
        new(45, "CLK-RET", "home", 29.00m, 0, new("Retro alarm clock", "Discontinued."),
            new("复古闹钟", "已停产。"), new("Đồng hồ báo thức cổ điển", "Ngừng kinh doanh."), Active: false),
    ];

    /// <summary>Inserts the products missing from the catalog in the caller's transaction; returns the rows inserted.</summary>
    public static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.products (id, sku, name, description, category, price, currency, stock, image_url, url, active)
            VALUES (@Id, @Sku, @Name, @Description, @Category, @Price, @Currency, @Stock, @ImageUrl, @Url, @Active)
            ON CONFLICT DO NOTHING
            """, Products.Select(p => new
        {
            p.Id,
            p.Sku,
            p.English.Name,
            p.English.Description,
            p.Category,
            p.Price,
            Currency,
            p.Stock,
            ImageUrl = ImageBase + p.Sku.ToLowerInvariant() + ".jpg",
            Url = ProductBase + p.Sku.ToLowerInvariant(),
            p.Active,
        }), transaction, cancellationToken: cancellationToken));
        return inserted + await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO shop.product_translations (product_id, locale, name, description)
            VALUES (@Id, @Locale, @Name, @Description)
            ON CONFLICT DO NOTHING
            """, Products.SelectMany(p => new[] { (p.Id, Locale: "zh-CN", Text: p.Chinese), (p.Id, Locale: "vi", Text: p.Vietnamese) })
            .Select(t => new { t.Id, t.Locale, t.Text.Name, t.Text.Description }), transaction, cancellationToken: cancellationToken));
    }
}

public sealed record DemoProduct(
    long Id, string Sku, string Category, decimal Price, int? Stock, ProductText English, ProductText Chinese, ProductText Vietnamese, bool Active = true);

public sealed record ProductText(string Name, string Description);
