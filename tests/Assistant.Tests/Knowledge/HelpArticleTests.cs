using Assistant.Plugins.Knowledge;

namespace Assistant.Tests.Knowledge;

public sealed class HelpArticleTests
{
    private const string Returns = """
        ---
        title: Returns and refunds
        locale: en
        url: https://shop.example.com/help/returns
        tags: [returns, refund]
        ---
        Intro line.

        ## Returning an item

        Within 30 days.

        ## Refunds

        Within 10 days.
        """;

    [Fact]
    public void Front_matter_gives_title_locale_url_and_tags()
    {
        var article = HelpArticle.Parse("file:en/returns.md", Returns);

        Assert.Equal(("Returns and refunds", "en", "https://shop.example.com/help/returns"), (article.Title, article.Locale, article.Url));
        Assert.Equal(["returns", "refund"], article.Tags);
    }

    [Fact]
    public void Body_is_cut_into_a_passage_per_heading()
    {
        var article = HelpArticle.Parse("file:en/returns.md", Returns);

        Assert.Equal([(null, "Intro line."), ("Returning an item", "Within 30 days."), ("Refunds", "Within 10 days.")],
            article.Passages.Select(p => (p.Heading, p.Text)));
        Assert.Equal([0, 1, 2], article.Passages.Select(p => p.Seq));
    }

    [Fact]
    public void Long_section_is_cut_at_paragraphs_under_the_passage_length()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Parcels leave the warehouse every working day.", 8));
        var markdown = $"---\ntitle: Shipping\nlocale: en\n---\n## Times\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n";

        var article = HelpArticle.Parse("file:en/shipping.md", markdown);

        Assert.True(article.Passages.Count >= 2);
        Assert.All(article.Passages, p => Assert.True(p.Text.Length <= HelpArticle.PassageLength, $"{p.Text.Length} characters"));
        Assert.All(article.Passages, p => Assert.Equal("Times", p.Heading));
    }

    [Fact]
    public void Windows_line_endings_read_the_same()
    {
        var article = HelpArticle.Parse("file:en/returns.md", Returns.ReplaceLineEndings("\r\n"));

        Assert.Equal(HelpArticle.Parse("file:en/returns.md", Returns), article, new ArticleComparer());
    }

    [Fact]
    public void Same_text_has_the_same_hash_and_a_change_a_new_one()
    {
        var first = HelpArticle.Parse("a", Returns);

        Assert.Equal(first.Hash, HelpArticle.Parse("a", Returns).Hash);
        Assert.NotEqual(first.Hash, HelpArticle.Parse("a", Returns.Replace("30 days", "14 days", StringComparison.Ordinal)).Hash);
    }

    [Theory]
    [InlineData("Just text, no front matter.", "front matter")]
    [InlineData("---\ntitle: Returns\n", "front matter")]
    [InlineData("---\nlocale: en\n---\nText", "title and a locale")]
    [InlineData("---\ntitle: [unclosed\n---\nText", "not valid YAML")]
    public void Article_without_valid_front_matter_is_refused_naming_the_file_and_the_reason(string markdown, string reason)
    {
        var error = Assert.Throws<FormatException>(() => HelpArticle.Parse("file:en/broken.md", markdown));

        Assert.StartsWith("file:en/broken.md: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private sealed class ArticleComparer : IEqualityComparer<HelpArticle>
    {
        public bool Equals(HelpArticle? x, HelpArticle? y) =>
            x is not null && y is not null && (x.Title, x.Locale, x.Url) == (y.Title, y.Locale, y.Url) &&
            x.Tags.SequenceEqual(y.Tags) && x.Passages.SequenceEqual(y.Passages);

        public int GetHashCode(HelpArticle obj) => obj.Title.GetHashCode(StringComparison.Ordinal);
    }
}
