using System.Text;
using Assistant.Engine.Conversations;

namespace Assistant.Agent;

/// <summary>
/// The part of the transcript the model is sent: each line cut to a token budget, then the newest lines that fit the
/// whole history's budget. A 150,000-character message must not become a multi-megabyte request repeated every round.
/// </summary>
public static class HistoryWindow
{
    public static IReadOnlyList<TranscriptEntry> Fit(IReadOnlyList<TranscriptEntry> history, int maxLineTokens, int maxTotalTokens)
    {
        // A token is at least one UTF-8 byte, so a history whose bytes fit needs no tokenizer: most do, and the
        // tokenizer's vocabulary costs tens of MiB of memory once loaded.
        var lines = history.Where(e => !string.IsNullOrWhiteSpace(e.Content)).ToList();
        var bytes = lines.Select(e => Encoding.UTF8.GetByteCount(e.Content!)).ToList();
        if (bytes.Sum() <= maxTotalTokens && bytes.All(b => b <= maxLineTokens))
        {
            return lines;
        }

        var kept = new List<TranscriptEntry>();
        var total = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var entry = history[i];
            if (string.IsNullOrWhiteSpace(entry.Content))
            {
                continue;
            }

            var content = ModelTokens.Truncate(entry.Content, maxLineTokens);
            var tokens = ModelTokens.Count(content);
            // The newest line is always sent: it is what the turn answers.
            if (kept.Count > 0 && total + tokens > maxTotalTokens)
            {
                break;
            }

            total += tokens;
            kept.Add(ReferenceEquals(content, entry.Content) ? entry : entry with { Content = content });
        }

        kept.Reverse();
        return kept;
    }
}
