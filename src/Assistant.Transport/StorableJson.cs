using System.Text.Json;

namespace Assistant.Transport;

/// <summary>
/// PostgreSQL's jsonb and text refuse NUL characters and unpaired surrogates, which JSON can carry as escapes. A body
/// holding them could never be stored, so intake turns it away as malformed (400) instead of failing to store it (500).
/// Chatwoot and Zendesk keep their data in PostgreSQL and MySQL respectively, so real webhooks never carry them.
/// </summary>
public static class StorableJson
{
    public static bool IsStorable(JsonElement element, out string? problem)
    {
        problem = element.ValueKind switch
        {
            JsonValueKind.String => TextProblem(element),
            JsonValueKind.Object => element.EnumerateObject().Select(p => NameProblem(p) ?? (IsStorable(p.Value, out var inner) ? null : inner)).FirstOrDefault(p => p is not null),
            JsonValueKind.Array => element.EnumerateArray().Select(e => IsStorable(e, out var inner) ? null : inner).FirstOrDefault(p => p is not null),
            _ => null,
        };
        return problem is null;
    }

    private static string? NameProblem(JsonProperty property)
    {
        try
        {
            return Problem(property.Name);
        }
        catch (InvalidOperationException)
        {
            return "A property name is not valid UTF-16 text.";
        }
    }

    private static string? TextProblem(JsonElement element)
    {
        try
        {
            return Problem(element.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return "A string is not valid UTF-16 text.";
        }
    }

    private static string? Problem(string text) =>
        text.Contains('\0', StringComparison.Ordinal) ? "A string contains a NUL character."
        : !IsWellFormed(text) ? "A string holds an unpaired surrogate."
        : null;

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
