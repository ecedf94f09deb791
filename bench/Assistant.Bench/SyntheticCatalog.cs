using Npgsql;
using NpgsqlTypes;

namespace Assistant.Bench;

/// <summary>
/// A store-sized catalog in three languages, as a clothing-and-home shop's would look: every product a kind, a
/// material, a colour and a size or variant, named in English, Simplified Chinese (no spaces) and Vietnamese (with
/// accents), described in a sentence with a brand, and a unique SKU and model number, so the vocabulary grows with
/// the catalog as a real one's does. Same seed, same catalog.
/// </summary>
public static class SyntheticCatalog
{
    private static readonly Kind[] Kinds =
    [
        new("rain jacket", "防雨夹克", "áo khoác đi mưa", "apparel", "JKT"), new("hoodie", "连帽衫", "áo hoodie", "apparel", "HOD"),
        new("t-shirt", "T恤", "áo thun", "apparel", "TEE"), new("shirt", "衬衫", "áo sơ mi", "apparel", "SHR"),
        new("dress", "连衣裙", "váy liền", "apparel", "DRS"), new("trousers", "长裤", "quần dài", "apparel", "TRS"),
        new("shorts", "短裤", "quần short", "apparel", "SHO"), new("sweater", "毛衣", "áo len", "apparel", "SWT"),
        new("running shoes", "跑步鞋", "giày chạy bộ", "footwear", "RUN"), new("hiking boots", "登山靴", "giày leo núi", "footwear", "HIK"),
        new("sneakers", "运动鞋", "giày thể thao", "footwear", "SNK"), new("sandals", "凉鞋", "dép quai hậu", "footwear", "SDL"),
        new("socks", "袜子", "tất", "footwear", "SCK"), new("scarf", "围巾", "khăn quàng", "accessories", "SCF"),
        new("cap", "帽子", "mũ lưỡi trai", "accessories", "CAP"), new("wallet", "钱包", "ví", "accessories", "WAL"),
        new("backpack", "双肩背包", "ba lô", "bags", "BPK"), new("tote bag", "托特包", "túi tote", "bags", "TOT"),
        new("umbrella", "雨伞", "ô", "accessories", "UMB"), new("belt", "腰带", "thắt lưng", "accessories", "BLT"),
        new("mug", "马克杯", "cốc", "kitchen", "MUG"), new("teapot", "茶壶", "ấm trà", "kitchen", "TPT"),
        new("chef knife", "主厨刀", "dao đầu bếp", "kitchen", "KNF"), new("cutting board", "砧板", "thớt", "kitchen", "CBD"),
        new("frying pan", "煎锅", "chảo rán", "kitchen", "PAN"), new("notebook", "笔记本", "sổ tay", "stationery", "NTB"),
        new("fountain pen", "钢笔", "bút máy", "stationery", "PEN"), new("desk lamp", "台灯", "đèn bàn", "home", "LMP"),
        new("candle", "蜡烛", "nến", "home", "CND"), new("blanket", "毛毯", "chăn", "home", "BLK"),
        new("pillow", "枕头", "gối", "home", "PLW"), new("towel", "毛巾", "khăn tắm", "home", "TWL"),
        new("green tea", "绿茶", "trà xanh", "food", "TEA"), new("coffee beans", "咖啡豆", "cà phê hạt", "food", "COF"),
        new("honey", "蜂蜜", "mật ong", "food", "HNY"), new("gift card", "礼品卡", "thẻ quà tặng", "gifts", "GFT"),
        new("watch", "手表", "đồng hồ", "accessories", "WCH"), new("sunglasses", "太阳镜", "kính râm", "accessories", "SUN"),
        new("gloves", "手套", "găng tay", "accessories", "GLV"), new("raincoat", "雨衣", "áo mưa", "apparel", "RCT"),
    ];

    private static readonly Words[] Materials =
    [
        new("organic cotton", "有机棉", "cotton hữu cơ"), new("merino wool", "美利奴羊毛", "len merino"), new("cashmere", "羊绒", "cashmere"),
        new("silk", "真丝", "lụa"), new("linen", "亚麻", "vải lanh"), new("leather", "真皮", "da"), new("canvas", "帆布", "vải canvas"),
        new("recycled polyester", "再生涤纶", "polyester tái chế"), new("bamboo", "竹纤维", "sợi tre"), new("stoneware", "粗陶", "gốm"),
        new("cast iron", "铸铁", "gang"), new("stainless steel", "不锈钢", "thép không gỉ"), new("oak", "橡木", "gỗ sồi"),
        new("brass", "黄铜", "đồng thau"), new("porcelain", "瓷", "sứ"), new("denim", "牛仔布", "vải bò"), new("fleece", "抓绒", "nỉ"),
        new("nylon", "尼龙", "nylon"), new("wool", "羊毛", "len"), new("down", "羽绒", "lông vũ"),
    ];

    private static readonly Colour[] Colours =
    [
        new("black", "黑色", "đen", "BLK"), new("white", "白色", "trắng", "WHT"), new("navy", "藏青色", "xanh navy", "NVY"),
        new("red", "红色", "đỏ", "RED"), new("grey", "灰色", "xám", "GRY"), new("green", "绿色", "xanh lá", "GRN"),
        new("brown", "棕色", "nâu", "BRN"), new("beige", "米色", "be", "BEI"), new("blue", "蓝色", "xanh dương", "BLU"),
        new("yellow", "黄色", "vàng", "YEL"), new("pink", "粉色", "hồng", "PNK"), new("olive", "橄榄绿", "xanh ô liu", "OLV"),
    ];

    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "XXL", "38", "39", "40", "41", "42", "43", "44", "45"];

    private static readonly Words[] Traits =
    [
        new("waterproof", "防水", "chống nước"), new("breathable", "透气", "thoáng khí"), new("lightweight", "轻便", "nhẹ"),
        new("warm", "保暖", "ấm"), new("handmade", "手工制作", "làm thủ công"), new("gift box included", "附礼盒", "kèm hộp quà"),
        new("machine washable", "可机洗", "giặt máy được"), new("dishwasher safe", "可用洗碗机清洗", "dùng được máy rửa bát"),
        new("slim fit", "修身版型", "dáng ôm"), new("regular fit", "常规版型", "dáng suông"), new("vegan", "纯素", "thuần chay"),
        new("fair trade", "公平贸易", "thương mại công bằng"), new("limited edition", "限量版", "phiên bản giới hạn"),
    ];

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "ben", "tor", "lin", "mar", "qu", "zen", "pa", "ro", "el"];

    public static async Task FillAsync(string connection, int products)
    {
        var random = new Random(20261207);
        var brands = Enumerable.Range(0, Math.Max(50, products / 40)).Select(_ => Brand(random)).Distinct().ToArray();
        var catalog = Enumerable.Range(1, products).Select(id => Product(id, random, brands)).ToList();
        await using var source = NpgsqlDataSource.Create(connection);
        await using var db = await source.OpenConnectionAsync();
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY shop.products (id, sku, name, description, category, price, currency, stock, image_url, url, active) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in catalog)
            {
                var id = p.Id;
                await writer.StartRowAsync();
                await writer.WriteAsync((long)id, NpgsqlDbType.Bigint);
                await writer.WriteAsync(p.Sku, NpgsqlDbType.Text);
                await writer.WriteAsync(p.En.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(p.En.Description, NpgsqlDbType.Text);
                await writer.WriteAsync(p.Category, NpgsqlDbType.Text);
                await writer.WriteAsync(p.Price, NpgsqlDbType.Numeric);
                await writer.WriteAsync("EUR", NpgsqlDbType.Text);
                if (p.Stock is { } stock)
                {
                    await writer.WriteAsync(stock, NpgsqlDbType.Integer);
                }
                else
                {
                    await writer.WriteNullAsync();
                }

                await writer.WriteAsync($"https://shop.example.com/images/{p.Sku.ToLowerInvariant()}.jpg", NpgsqlDbType.Text);
                await writer.WriteAsync($"https://shop.example.com/products/{p.Sku.ToLowerInvariant()}", NpgsqlDbType.Text);
                await writer.WriteAsync(id % 50 != 0, NpgsqlDbType.Boolean);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY shop.product_translations (product_id, locale, name, description) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var p in catalog)
            {
                foreach (var (locale, text) in new[] { ("zh-CN", p.Zh), ("vi", p.Vi) })
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync((long)p.Id, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(locale, NpgsqlDbType.Text);
                    await writer.WriteAsync(text.Name, NpgsqlDbType.Text);
                    await writer.WriteAsync(text.Description, NpgsqlDbType.Text);
                }
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE shop.products; ANALYZE shop.product_translations", db);
        await analyze.ExecuteNonQueryAsync();
    }

    private static SyntheticProduct Product(int id, Random random, string[] brands)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var material = Materials[random.Next(Materials.Length)];
        var colour = Colours[random.Next(Colours.Length)];
        var size = Sizes[random.Next(Sizes.Length)];
        var trait = Traits[random.Next(Traits.Length)];
        var other = Traits[random.Next(Traits.Length)];
        var brand = brands[random.Next(brands.Length)];
        var model = $"{char.ToUpperInvariant(brand[0])}{random.Next(100, 9999)}";
        return new SyntheticProduct(
            id,
            $"{kind.Code}-{colour.Code}-{id:D6}",
            kind.Category,
            Math.Round((decimal)(5 + (random.NextDouble() * 495)), 2),
            random.Next(10) switch { 0 => 0, 1 => null, _ => random.Next(1, 200) },
            ($"{Capital(material.En)} {kind.En}, {colour.En}, {size}", $"{brand} {model}: {trait.En}, {other.En}. Made of {material.En}."),
            ($"{material.Zh}{kind.Zh}，{colour.Zh}，{size}码", $"{brand} {model}：{trait.Zh}，{other.Zh}。{material.Zh}材质。"),
            ($"{Capital(kind.Vi)} {material.Vi}, {colour.Vi}, size {size}", $"{brand} {model}: {trait.Vi}, {other.Vi}. Chất liệu {material.Vi}."));
    }

    private static string Brand(Random random) =>
        Capital(string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => Syllables[random.Next(Syllables.Length)])));

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Words(string En, string Zh, string Vi);

    private sealed record Kind(string En, string Zh, string Vi, string Category, string Code);

    private sealed record Colour(string En, string Zh, string Vi, string Code);

    private sealed record SyntheticProduct(
        int Id, string Sku, string Category, decimal Price, int? Stock,
        (string Name, string Description) En, (string Name, string Description) Zh, (string Name, string Description) Vi);
}
