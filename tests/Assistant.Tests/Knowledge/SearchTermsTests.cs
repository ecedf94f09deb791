using Assistant.Engine.Search;

namespace Assistant.Tests.Knowledge;

public sealed class SearchTermsTests
{
    [Fact]
    public void Words_every_question_has_are_left_out()
    {
        Assert.Equal(["returns", "work"], SearchTerms.Of("How do returns work?").Select(t => t.Term));
    }

    [Fact]
    public void Longer_words_carry_a_stem_that_finds_their_other_forms()
    {
        var returns = SearchTerms.Of("returns").Single();

        Assert.Equal("retur", returns.Stem);
        Assert.Null(SearchTerms.Of("ship").Single().Stem);
    }

    [Fact]
    public void Vietnamese_is_searched_without_accents_and_without_its_common_words()
    {
        Assert.Equal(["tra", "hang"], SearchTerms.Of("Tôi trả hàng thế nào?").Select(t => t.Term));
        Assert.Equal("do dung", SearchTerms.Fold("Đồ dùng"));
    }

    [Fact]
    public void Full_width_letters_and_digits_ligatures_and_superscripts_fold_to_the_plain_characters()
    {
        Assert.Equal("xl 1042", SearchTerms.Fold("ＸＬ　１０４２"));
        Assert.Equal("file 2 m2", SearchTerms.Fold("ﬁle ② m²"));
        Assert.Equal(["order", "1042"], SearchTerms.Of("ｏｒｄｅｒ　＃１０４２").Select(t => t.Term));
    }

    [Fact]
    public void A_text_of_characters_that_expand_when_folded_still_yields_a_bounded_search()
    {
        // U+FDFA folds to eighteen letters and three spaces: a pasted wall of it must not become a wall of terms.
        var flood = string.Concat(Enumerable.Repeat("\uFDFA ㍿ ﬃ ", 2000));

        var words = SearchTerms.SearchableWords(flood);

        Assert.InRange(words.Count, 1, SearchTerms.MaxTerms);
        Assert.All(words, w => Assert.InRange(w.Length, 1, SearchTerms.MaxWordLength));
    }

    [Fact]
    public void Chinese_is_searched_by_its_two_character_runs_anywhere_in_the_text()
    {
        var terms = SearchTerms.Of("怎么退货?");

        Assert.Equal(["退货"], terms.Select(t => t.Term));
        Assert.True(terms.Single().Substring);
    }

    [Fact]
    public void Mixed_question_keeps_both_languages()
    {
        Assert.Equal(["refund", "退款"], SearchTerms.Of("refund 退款").Select(t => t.Term));
    }

    [Fact]
    public void Matched_counts_the_terms_a_text_has_as_the_search_would()
    {
        var terms = SearchTerms.Of("returned jackets 退货");

        Assert.Equal(3, SearchTerms.Matched(terms, "How to return a jacket: 如何退货"));
        Assert.Equal(1, SearchTerms.Matched(terms, "Jackets on sale"));
    }

    [Fact]
    public void A_long_text_gives_a_bounded_number_of_terms_none_of_them_too_long()
    {
        var text = new string('y', 300) + " " + string.Join(' ', Enumerable.Range(0, 5_000).Select(i => $"word{i}")) + string.Concat(Enumerable.Repeat("退货政策运费", 100));

        var terms = SearchTerms.Of(text);

        Assert.Equal(SearchTerms.MaxTerms, terms.Count(t => !t.Substring));
        Assert.True(terms.Count(t => t.Substring) <= SearchTerms.MaxTerms);
        Assert.All(terms, t => Assert.True(t.Term.Length <= SearchTerms.MaxWordLength));
        Assert.Equal("word0", terms[0].Term);
    }
}
