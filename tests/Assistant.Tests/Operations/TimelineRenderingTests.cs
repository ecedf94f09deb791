using Assistant.Operations.Reports;
using Assistant.Host.Admin;

namespace Assistant.Tests.Operations;

/// <summary>The timeline page's rendering: masking before cutting, and pages for long conversations.</summary>
public sealed class TimelineRenderingTests
{
    private const string Secret = "sk-live-SECRETVALUE0123456789";

    [Fact]
    public void A_secret_cut_at_the_length_limit_is_masked_whole_first()
    {
        // The secret straddles the 2,000th character, where a long detail is cut.
        var detail = new string('a', 1990) + Secret + " and more";
        var timeline = new Timeline(1, 42, [new TimelineEntry(DateTimeOffset.UnixEpoch, 0, "tool", "Orders_GetOrder", detail, null)]);

        var html = AdminTimelinePage.Render(timeline, 42, text => text.Replace(Secret, "***", StringComparison.Ordinal));

        Assert.DoesNotContain(Secret[..8], html, StringComparison.Ordinal);
        Assert.Contains("***", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_timeline_links_its_earlier_and_later_pages()
    {
        var entries = Enumerable.Range(0, TimelineRepository.PageSize)
            .Select(i => new TimelineEntry(DateTimeOffset.UnixEpoch.AddSeconds(i), 1, "message", "customer wrote", $"line {i}", null)).ToList();

        var html = AdminTimelinePage.Render(new Timeline(1, 42, entries, Page: 2, HasMore: true), 42, text => text);

        Assert.Contains("entries (201–400)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/conversations?id=42&amp;account=1&amp;page=1\">Earlier entries", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/conversations?id=42&amp;account=1&amp;page=3\">Later entries", html, StringComparison.Ordinal);
    }
}
