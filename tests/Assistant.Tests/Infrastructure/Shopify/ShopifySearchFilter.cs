using System.Text;

namespace Assistant.Tests.Infrastructure.Shopify;

/// <summary>
/// Shopify's search syntax as the fake reads it: terms (<c>field:value</c>, <c>field:"quoted"</c>, bare words),
/// <c>AND</c>/<c>OR</c> (whitespace meaning AND) and parentheses. A term is judged by the resource's own rule.
/// </summary>
public sealed class ShopifySearchFilter
{
    private readonly List<string> _tokens;
    private int _at;

    private ShopifySearchFilter(string query) => _tokens = Tokens(query);

    /// <summary>Whether <paramref name="matches"/> (field or null for a bare word, value) holds for the whole query.</summary>
    public static bool Matches(string? query, Func<string?, string, bool> matches)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }

        var filter = new ShopifySearchFilter(query);
        var result = filter.Or(matches);
        return filter._at == filter._tokens.Count ? result : throw new FormatException($"Unparsed search: {query}");
    }

    /// <summary>The bare words of a query, for ranking.</summary>
    public static IReadOnlyList<string> Words(string? query) =>
        query is null ? [] : [.. Tokens(query).Where(t => t is not ("(" or ")" or "AND" or "OR") && !t.Contains(':', StringComparison.Ordinal)).Select(Unquote)];

    private bool Or(Func<string?, string, bool> matches)
    {
        var result = And(matches);
        while (Peek() == "OR")
        {
            _at++;
            result |= And(matches);
        }

        return result;
    }

    private bool And(Func<string?, string, bool> matches)
    {
        var result = Term(matches);
        while (Peek() is { } next && next != "OR" && next != ")")
        {
            if (next == "AND")
            {
                _at++;
            }

            result &= Term(matches);
        }

        return result;
    }

    private bool Term(Func<string?, string, bool> matches)
    {
        var token = _tokens[_at++];
        if (token == "(")
        {
            var inner = Or(matches);
            _at++;
            return inner;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !token.StartsWith('"') ? matches(token[..colon], Unquote(token[(colon + 1)..])) : matches(null, Unquote(token));
    }

    private string? Peek() => _at < _tokens.Count ? _tokens[_at] : null;

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : value;

    private static List<string> Tokens(string query)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (quoted)
            {
                current.Append(c);
                if (c == '\\' && i + 1 < query.Length)
                {
                    current.Append(query[++i]);
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
                current.Append(c);
            }
            else if (c is '(' or ')' || char.IsWhiteSpace(c))
            {
                Flush();
                if (c is '(' or ')')
                {
                    tokens.Add(c.ToString());
                }
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
