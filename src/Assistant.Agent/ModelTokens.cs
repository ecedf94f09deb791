using Microsoft.ML.Tokenizers;

namespace Assistant.Agent;

/// <summary>Token counts and cuts with the o200k_base encoding (GPT-4o and later; close enough for other models' budgets).</summary>
public static class ModelTokens
{
    // No tokenizer has a token this long in practice; cutting characters first keeps a huge message cheap to count.
    private const int MaxCharsPerToken = 8;
    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static int Count(string text) => Encoding.Value.CountTokens(text);

    /// <summary>The text when it fits in <paramref name="maxTokens"/>; otherwise its start that does, marked as cut.</summary>
    public static string Truncate(string text, int maxTokens, string marker = " …[cut]")
    {
        var candidate = text.Length > maxTokens * MaxCharsPerToken ? text[..(maxTokens * MaxCharsPerToken)] : text;
        var end = Encoding.Value.GetIndexByTokenCount(candidate, maxTokens, out _, out _);
        if (end >= text.Length)
        {
            return text;
        }

        if (end > 0 && char.IsHighSurrogate(candidate[end - 1]))
        {
            end--;
        }

        return candidate[..end] + marker;
    }
}
