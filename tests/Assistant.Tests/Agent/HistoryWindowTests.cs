using Assistant.Agent;
using Assistant.Engine.Conversations;

namespace Assistant.Tests.Agent;

public sealed class HistoryWindowTests
{
    [Fact]
    public void A_huge_line_is_cut_to_the_line_budget()
    {
        var history = new[] { Line(1, string.Concat(Enumerable.Repeat("where is my parcel ", 10_000))) };

        var window = HistoryWindow.Fit(history, maxLineTokens: 100, maxTotalTokens: 1000);

        var content = Assert.Single(window).Content!;
        Assert.EndsWith("…[cut]", content, StringComparison.Ordinal);
        Assert.InRange(ModelTokens.Count(content), 90, 105);
    }

    [Fact]
    public void Oldest_lines_are_left_out_when_the_total_budget_is_spent_and_the_newest_is_always_kept()
    {
        var history = Enumerable.Range(1, 10).Select(i => Line(i, string.Concat(Enumerable.Repeat($"line {i} ", 30)))).ToList();

        var window = HistoryWindow.Fit(history, maxLineTokens: 500, maxTotalTokens: 200);

        Assert.InRange(window.Count, 1, 4);
        Assert.Equal(10, window[^1].MessageId);
        Assert.Equal(window.Select(l => l.MessageId).Order(), window.Select(l => l.MessageId));
    }

    [Fact]
    public void Short_history_passes_unchanged()
    {
        var history = new[] { Line(1, "hi"), Line(2, "where is 1042?") };

        Assert.Equal(history, HistoryWindow.Fit(history, 500, 3000));
    }

    [Fact]
    public void Chinese_text_is_cut_by_tokens_not_characters()
    {
        var content = string.Concat(Enumerable.Repeat("我的订单在哪里？", 2000));

        var cut = ModelTokens.Truncate(content, 50);

        Assert.InRange(ModelTokens.Count(cut), 40, 55);
    }

    private static TranscriptEntry Line(long id, string content) =>
        new(1, 42, id, TranscriptEntry.MessageKind, TranscriptRole.Customer, content, "text", "{}", 77, null, DateTimeOffset.UnixEpoch.AddSeconds(id));
}
