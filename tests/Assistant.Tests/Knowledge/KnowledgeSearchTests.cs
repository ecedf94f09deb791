using Assistant.Plugins.Knowledge;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Assistant.Tests.Knowledge;

/// <summary>The shipped help articles loaded into real PostgreSQL and searched in the three languages.</summary>
public sealed class KnowledgeSearchTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private KnowledgeRepository _knowledge = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _knowledge = new KnowledgeRepository(_database.DataSource);
        var options = Options.Create(new KnowledgeOptions { Path = RepositoryPaths.Knowledge });
        await new KnowledgeLibrary(_knowledge, options, NullLogger<KnowledgeLibrary>.Instance).LoadAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Returns_question_finds_the_returns_article_in_the_customers_language()
    {
        var found = await _knowledge.SearchAsync("How do returns work?", "en", 3, CancellationToken.None);

        Assert.Equal("Returns and refunds", found[0].Title);
        Assert.Equal("https://shop.example.com/help/returns", found[0].Url);
        Assert.All(found, p => Assert.Equal("en", p.Locale));
    }

    [Fact]
    public async Task Passage_that_answers_comes_before_the_rest_of_its_article()
    {
        var found = await _knowledge.SearchAsync("when will I get my refund money", "en", 3, CancellationToken.None);

        Assert.Equal("Refunds", found[0].Heading);
        Assert.Contains("5–10 working days", found[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chinese_question_without_spaces_finds_the_chinese_article()
    {
        var found = await _knowledge.SearchAsync("怎么退货?", "zh-CN", 3, CancellationToken.None);

        Assert.Equal("退货与退款", found[0].Title);
        Assert.Equal("如何退货", found[0].Heading);
    }

    [Fact]
    public async Task Vietnamese_typed_without_accents_finds_the_vietnamese_article()
    {
        var found = await _knowledge.SearchAsync("phi ship ve viet nam bao nhieu", "vi", 3, CancellationToken.None);

        Assert.Equal("Giao hàng và phí vận chuyển", found[0].Title);
        Assert.Contains("14,90 EUR", found[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Question_no_article_covers_finds_nothing()
    {
        Assert.Empty(await _knowledge.SearchAsync("Do you sponsor football clubs?", "en", 3, CancellationToken.None));
        Assert.Empty(await _knowledge.SearchAsync("how are you?", "en", 3, CancellationToken.None));
    }

    [Fact]
    public async Task Article_is_read_by_its_source_with_its_link_and_first_passage()
    {
        var hit = (await _knowledge.SearchAsync("payment methods", "en", 1, CancellationToken.None)).Single();

        var article = await _knowledge.GetAsync(hit.Article, CancellationToken.None);

        Assert.NotNull(article);
        Assert.Equal(("file:en/payment.md", hit.Title, hit.Url), (article.Source, article.Title, article.Url));
        Assert.StartsWith("We accept Visa", article.FirstPassage, StringComparison.Ordinal);
        Assert.Null(await _knowledge.GetAsync("file:en/invented.md", CancellationToken.None));
    }
}
