using Assistant.Engine.Search;
using Dapper;
using Npgsql;

namespace Assistant.Plugins.Knowledge;

/// <summary>The help articles the assistant indexed (state database), and the search over their passages.</summary>
/// <param name="admission">Lets searches run a few at a time (<see cref="SearchAdmission"/>); none, all at once.</param>
public sealed class KnowledgeRepository(NpgsqlDataSource dataSource, SearchAdmission? admission = null)
{
    /// <summary>
    /// Makes the stored articles of <paramref name="sourcePrefix"/> exactly <paramref name="articles"/>, in one
    /// transaction: changed ones are rewritten, unchanged ones left alone, and those no longer listed deleted unless
    /// named in <paramref name="keep"/> (an article whose file is invalid keeps its last good version).
    /// </summary>
    /// <returns>How many articles were written and deleted.</returns>
    public async Task<(int Written, int Deleted)> SyncAsync(
        string sourcePrefix, IReadOnlyList<HelpArticle> articles, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = (await connection.QueryAsync<(string Source, string Hash)>(new CommandDefinition(
            "SELECT source, content_hash FROM knowledge_articles WHERE starts_with(source, @Prefix) FOR UPDATE",
            new { Prefix = sourcePrefix }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Source, r => r.Hash);

        var written = 0;
        foreach (var article in articles.Where(a => !stored.TryGetValue(a.Source, out var hash) || hash != a.Hash))
        {
            await WriteAsync(connection, transaction, article, cancellationToken);
            written++;
        }

        var gone = stored.Keys.Except(articles.Select(a => a.Source)).Except(keep).ToArray();
        var deleted = gone.Length == 0 ? 0 : await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM knowledge_articles WHERE source = ANY(@Gone)", new { Gone = gone }, transaction, cancellationToken: cancellationToken));
        if (written + deleted > 0)
        {
            // Rebuilt whole: a few hundred thousand words at most, and only when an article changed.
            await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM knowledge_vocabulary;
                INSERT INTO knowledge_vocabulary (word)
                SELECT DISTINCT w FROM knowledge_passages p, unnest(p.words) AS w WHERE NOT starts_with(w, @RunMark)
                """, new { SearchTerms.RunMark }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (written + deleted > 0)
        {
            // Before autovacuum gets to it, the planner takes the passages for ten times as many and scans them all
            // instead of looking words up (measured: 12 ms a search against 1).
            await connection.ExecuteAsync(new CommandDefinition(
                "ANALYZE knowledge_articles, knowledge_passages, knowledge_vocabulary", cancellationToken: cancellationToken));
        }

        return (written, deleted);
    }

    /// <summary>
    /// The passages that answer the question best. Each search term scores by how rare it is among all passages
    /// (a word every passage has says nothing); passages in the customer's language come first among equals, and
    /// passages scoring under half the best are left out.
    /// </summary>
    /// <remarks>
    /// A term is looked up, never compared with every passage: a word in the passages' words index, a stem's words
    /// (each form of the word the articles have) by prefix in the vocabulary, a Chinese run as a marked word.
    /// </remarks>
    public async Task<IReadOnlyList<PassageHit>> SearchAsync(string question, string locale, int limit, CancellationToken cancellationToken)
    {
        var terms = SearchTerms.Of(question);
        if (terms.Count == 0)
        {
            return [];
        }

        // U+10FFFF ends the range of words starting with a stem: in byte order ("C"), nothing longer sorts past it. Each
        // word's passages are looked up on their own (OFFSET 0 keeps the planner from joining every passage with the
        // words instead), and only the best few passages' texts are read.
        const string sql = """
            WITH terms AS (
                SELECT * FROM unnest(@Terms::text[], @Stems::text[], @Substrings::bool[]) AS t(term, stem, substring)),
            wanted AS (
                SELECT term, CASE WHEN substring THEN @RunMark || term ELSE term END AS word FROM terms WHERE stem IS NULL
                UNION
                SELECT t.term, v.word FROM terms t JOIN knowledge_vocabulary v
                    ON v.word >= t.stem COLLATE "C" AND v.word < (t.stem || U&'\+10FFFF') COLLATE "C"
                WHERE t.stem IS NOT NULL),
            matches AS (
                SELECT DISTINCT p.article_id, p.seq, w.term FROM wanted w CROSS JOIN LATERAL (
                    SELECT article_id, seq FROM knowledge_passages WHERE words @> ARRAY[w.word COLLATE "default"] OFFSET 0) p),
            weights AS (
                SELECT term, ln(1 + (SELECT count(*) FROM knowledge_passages)::float / count(*)) AS weight
                FROM matches GROUP BY term),
            scored AS (
                SELECT m.article_id, m.seq, sum(w.weight) * CASE WHEN a.locale = @Locale THEN 1.5 ELSE 1 END AS score,
                       count(*)::int AS matched
                FROM matches m JOIN weights w USING (term) JOIN knowledge_articles a ON a.id = m.article_id
                GROUP BY m.article_id, m.seq, a.locale),
            top AS (
                SELECT s.article_id, s.seq, s.score, s.matched FROM (SELECT *, max(score) OVER () AS best FROM scored) s
                WHERE s.score >= s.best / 2
                ORDER BY s.score DESC, s.article_id, s.seq
                LIMIT @Limit)
            SELECT a.source AS article, a.title, a.url, a.locale, p.heading, p.text, t.score, t.matched, @TermCount AS terms
            FROM top t
            JOIN knowledge_passages p ON p.article_id = t.article_id AND p.seq = t.seq
            JOIN knowledge_articles a ON a.id = t.article_id
            ORDER BY t.score DESC, t.article_id, t.seq
            """;
        using var slot = admission is null ? default : await admission.EnterAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<PassageHit>(new CommandDefinition(sql, new
        {
            Terms = terms.Select(t => t.Term).ToArray(),
            Stems = terms.Select(t => t.Stem).ToArray(),
            Substrings = terms.Select(t => t.Substring).ToArray(),
            SearchTerms.RunMark,
            Locale = locale,
            Limit = limit,
            TermCount = terms.Count,
        }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>An article by its source (<c>file:en/returns.md</c>): stable across reloads, so a scripted evaluation can name it.</summary>
    public async Task<StoredArticle?> GetAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredArticle>(new CommandDefinition("""
            SELECT a.source, a.title, a.url, (SELECT p.text FROM knowledge_passages p WHERE p.article_id = a.id ORDER BY p.seq LIMIT 1) AS first_passage
            FROM knowledge_articles a WHERE a.source = @Source
            """, new { Source = source }, cancellationToken: cancellationToken));
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, HelpArticle article, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO knowledge_articles (source, locale, title, url, tags, content_hash)
            VALUES (@Source, @Locale, @Title, @Url, @Tags, @Hash)
            ON CONFLICT (source) DO UPDATE SET locale = EXCLUDED.locale, title = EXCLUDED.title, url = EXCLUDED.url,
                tags = EXCLUDED.tags, content_hash = EXCLUDED.content_hash, updated_at = now()
            RETURNING id
            """, new { article.Source, article.Locale, article.Title, article.Url, Tags = article.Tags.ToArray(), article.Hash }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM knowledge_passages WHERE article_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));

        // The title and tags belong to every passage: "returns" should find the returns article's passages.
        var shared = string.Join(' ', [article.Title, .. article.Tags]);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO knowledge_passages (article_id, seq, heading, text, words)
            VALUES (@ArticleId, @Seq, @Heading, @Text, @Words)
            """, article.Passages.Select(p => new
        {
            ArticleId = id,
            p.Seq,
            p.Heading,
            p.Text,
            Words = SearchTerms.IndexWords($"{shared} {p.Heading} {p.Text}").ToArray(),
        }), transaction, cancellationToken: cancellationToken));
    }
}

/// <param name="Matched">How many of the question's <paramref name="Terms"/> the passage has.</param>
public sealed record PassageHit(string Article, string Title, string? Url, string Locale, string? Heading, string Text, double Score, int Matched, int Terms)
{
    /// <summary>The passage has two thirds of the question's words: enough to quote without a model to judge it.</summary>
    public bool CoversQuestion => Matched * 3 >= Terms * 2;
}

public sealed record StoredArticle(string Source, string Title, string? Url, string? FirstPassage);
