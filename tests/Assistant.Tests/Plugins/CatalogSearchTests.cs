using Assistant.Engine.Store;
using Assistant.Stores.Postgres;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Plugins;

/// <summary>Product search on the demo catalog in real PostgreSQL: words in any language, accents, typos, Chinese.</summary>
public sealed class CatalogSearchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PostgresCatalog _catalog = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var shop = new ShopDatabase(_database.DataSource);
        await new DemoStore(shop).SeedAsync(CancellationToken.None);
        _catalog = _database.Catalog();
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Rain_jacket_in_L_finds_both_colours_in_L_first_with_their_stock()
    {
        var found = await SearchAsync("rain jacket L");

        Assert.Equal(["JKT-NVY-L", "JKT-RED-L"], found.Take(2).Select(p => p.Sku));
        Assert.Equal((2, 0), (found[0].Stock, found[1].Stock));
        Assert.Contains("JKT-NVY-M", found.Select(p => p.Sku));
    }

    [Fact]
    public async Task Misspelt_words_still_find_the_product()
    {
        var found = await SearchAsync("rian jaket");

        Assert.StartsWith("JKT-", found[0].Sku);
    }

    [Fact]
    public async Task Vietnamese_typed_without_accents_finds_the_product()
    {
        var found = await SearchAsync("ao khoac di mua", locale: "vi");

        Assert.StartsWith("JKT-", found[0].Sku);
        Assert.StartsWith("Áo khoác đi mưa", found[0].Name);
    }

    [Fact]
    public async Task Chinese_question_without_spaces_finds_the_gift_scarves_named_in_chinese()
    {
        var found = await SearchAsync("什么围巾适合送礼?", locale: "zh-CN");

        Assert.Equal(["SCF-CSH-GRY", "SCF-SLK-RED"], found.Take(2).Select(p => p.Sku).Order());
        Assert.Equal("羊绒围巾，灰色", found.Single(p => p.Sku == "SCF-CSH-GRY").Name);
    }

    [Fact]
    public async Task Full_width_letters_typed_on_a_chinese_keyboard_find_what_the_plain_ones_find()
    {
        var found = await SearchAsync("ｒａｉｎ　ｊａｃｋｅｔ Ｌ", locale: "zh-CN");

        Assert.Equal(["JKT-NVY-L", "JKT-RED-L"], found.Take(2).Select(p => p.Sku));
    }

    [Fact]
    public async Task A_sku_typed_in_full_width_finds_its_product_first()
    {
        var found = await SearchAsync("ＪＫＴ－ＲＥＤ－Ｌ");

        Assert.Equal("JKT-RED-L", found[0].Sku);
    }

    [Fact]
    public async Task Price_ceiling_leaves_out_dearer_products()
    {
        var found = await _catalog.SearchAsync(new ProductQuery("scarf", MaxPrice: 30m), "en", 5, CancellationToken.None);

        Assert.Equal(["SCF-WOL-NVY"], found.Select(p => p.Sku));
    }

    [Fact]
    public async Task Sku_finds_its_product_first()
    {
        var found = await SearchAsync("jkt-red-l");

        Assert.Equal("JKT-RED-L", found[0].Sku);
    }

    [Fact]
    public async Task Withdrawn_products_are_neither_found_nor_read()
    {
        Assert.DoesNotContain("CLK-RET", (await SearchAsync("retro alarm clock")).Select(p => p.Sku));
        Assert.Empty(await _catalog.GetAsync(["CLK-RET"], "en", CancellationToken.None));
    }

    [Fact]
    public async Task Products_are_read_by_sku_in_the_order_asked_whatever_the_case()
    {
        var read = await _catalog.GetAsync(["scf-wol-nvy", "JKT-NVY-L", "NOPE"], "en", CancellationToken.None);

        Assert.Equal(["SCF-WOL-NVY", "JKT-NVY-L"], read.Select(p => p.Sku));
    }

    [Fact]
    public async Task A_word_longer_than_an_edit_distance_can_measure_is_passed_over_not_an_error()
    {
        var found = await SearchAsync("rain jacket " + new string('x', 300));

        Assert.StartsWith("JKT-", found[0].Sku);
    }

    [Fact]
    public async Task A_pasted_page_is_searched_by_its_first_words_only()
    {
        // 150 kB of distinct words: unbounded, every one of them would be compared with every product's words.
        var page = "rain jacket " + string.Join(' ', Enumerable.Range(0, 20_000).Select(i => $"w{i:x5}"));

        var found = await SearchAsync(page);

        Assert.StartsWith("JKT-", found[0].Sku);
    }

    private Task<IReadOnlyList<ProductRow>> SearchAsync(string text, string locale = "en") =>
        _catalog.SearchAsync(new ProductQuery(text), locale, 5, CancellationToken.None);
}
