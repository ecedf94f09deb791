using Assistant.Engine.Conversations;

namespace Assistant.Bridge;

/// <summary>Consecutive transcript lines that become one Zendesk comment: same visibility, same author.</summary>
public sealed record CommentRun(bool Public, bool ByCustomer, IReadOnlyList<TranscriptEntry> Lines)
{
    public long LastId => Lines[^1].Id;

    /// <summary>Groups lines into runs; customer lines are public and authored by the requester, the rest as configured.</summary>
    public static IReadOnlyList<CommentRun> Group(IReadOnlyList<TranscriptEntry> lines, bool repliesPublic)
    {
        var runs = new List<CommentRun>();
        var current = new List<TranscriptEntry>();
        (bool Public, bool ByCustomer)? key = null;
        foreach (var line in lines)
        {
            var lineKey = line.Role switch
            {
                TranscriptRole.Customer => (true, true),
                TranscriptRole.Bot or TranscriptRole.Agent => (repliesPublic, false),
                _ => (false, false),
            };
            if (key is not null && key != lineKey)
            {
                runs.Add(new CommentRun(key.Value.Public, key.Value.ByCustomer, current));
                current = [];
            }

            key = lineKey;
            current.Add(line);
        }

        if (key is not null)
        {
            runs.Add(new CommentRun(key.Value.Public, key.Value.ByCustomer, current));
        }

        return runs;
    }

    /// <summary>The comment text: customer words as they are; others marked with who said them.</summary>
    public string Body() => string.Join("\n\n", Lines.Select(l => WithLinks(l, ByCustomer ? l.Content ?? string.Empty : $"[{Label(l.Role)}] {l.Content}")));

    /// <summary>Everything in one internal note, when the ticket's update budget is nearly spent.</summary>
    public static string Transcript(IEnumerable<CommentRun> runs) =>
        string.Join("\n\n", runs.SelectMany(r => r.Lines).Select(l => WithLinks(l, $"[{Label(l.Role)}] {l.Content}")));

    /// <summary>Files sent with a line travel to Zendesk as links under its text.</summary>
    private static string WithLinks(TranscriptEntry line, string text) =>
        line.AttachmentLinks is { Count: > 0 } links ? text + "\n" + string.Join('\n', links) : text;

    private static string Label(TranscriptRole role) => role switch
    {
        TranscriptRole.Customer => "Customer",
        TranscriptRole.Bot => "Assistant",
        TranscriptRole.Agent => "Agent",
        _ => "Private note",
    };
}
