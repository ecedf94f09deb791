using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Assistant.Plugins.Knowledge;

/// <summary>A help article: front matter (title, locale, url, tags) and its text cut into passages to search.</summary>
public sealed record HelpArticle(string Source, string Locale, string Title, string? Url, IReadOnlyList<string> Tags, string Hash, IReadOnlyList<ArticlePassage> Passages)
{
    /// <summary>Passages stay under this length so a search result is a paragraph, not a page.</summary>
    public const int PassageLength = 700;

    private static readonly IDeserializer FrontMatter = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    /// <summary>Reads a markdown article with YAML front matter between <c>---</c> lines.</summary>
    /// <exception cref="FormatException">The article lacks front matter, a title or a locale; the message says which.</exception>
    public static HelpArticle Parse(string source, string markdown)
    {
        var text = markdown.ReplaceLineEndings("\n");
        var end = text.StartsWith("---\n", StringComparison.Ordinal) ? text.IndexOf("\n---", 3, StringComparison.Ordinal) : -1;
        if (end < 0)
        {
            throw new FormatException($"{source}: an article starts with front matter between two '---' lines (title, locale, url, tags).");
        }

        Header header;
        try
        {
            header = FrontMatter.Deserialize<Header?>(text[4..end]) ?? new Header();
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{source}: the front matter is not valid YAML: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(header.Title) || string.IsNullOrWhiteSpace(header.Locale))
        {
            throw new FormatException($"{source}: the front matter needs a title and a locale (en, zh-CN, vi, ...).");
        }

        if (!string.IsNullOrWhiteSpace(header.Url) && Engine.Store.StoreLinks.Safe(header.Url, allowHttp: true) is null)
        {
            throw new FormatException($"{source}: url must be an absolute http(s) address, e.g. https://shop.example.com/help/returns.");
        }

        var body = text[(text.IndexOf('\n', end + 1) is var bodyStart and >= 0 ? bodyStart + 1 : text.Length)..];
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return new HelpArticle(source, header.Locale.Trim(), header.Title.Trim(), string.IsNullOrWhiteSpace(header.Url) ? null : header.Url.Trim(),
            header.Tags ?? [], hash, Split(body));
    }

    /// <summary>Cuts the body at headings, then at paragraphs where a section is too long.</summary>
    private static List<ArticlePassage> Split(string body)
    {
        var passages = new List<ArticlePassage>();
        string? heading = null;
        var current = new StringBuilder();

        void Flush()
        {
            if (current.Length > 0)
            {
                passages.Add(new ArticlePassage(passages.Count, heading, current.ToString().Trim()));
                current.Clear();
            }
        }

        foreach (var paragraph in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (paragraph.StartsWith('#'))
            {
                Flush();
                var lines = paragraph.Split('\n', 2);
                heading = lines[0].TrimStart('#').Trim();
                if (lines.Length > 1)
                {
                    current.Append(lines[1].Trim());
                }

                continue;
            }

            if (current.Length > 0 && current.Length + paragraph.Length > PassageLength)
            {
                Flush();
            }

            current.Append(current.Length > 0 ? "\n\n" : string.Empty).Append(paragraph);
        }

        Flush();
        return passages;
    }

    private sealed class Header
    {
        public string? Title { get; set; }

        public string? Locale { get; set; }

        public string? Url { get; set; }

        public List<string>? Tags { get; set; }
    }
}

/// <param name="Heading">The section the passage belongs to, if the article has headings.</param>
public sealed record ArticlePassage(int Seq, string? Heading, string Text);
