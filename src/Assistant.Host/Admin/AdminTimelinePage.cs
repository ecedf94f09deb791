using System.Globalization;
using System.Net;
using System.Text;
using Assistant.Operations.Reports;

namespace Assistant.Host.Admin;

/// <summary>One conversation's decision timeline: why the bot said what it said, without SQL.</summary>
internal static class AdminTimelinePage
{
    public static string Render(Timeline? timeline, long? conversationId, Func<string, string> redact)
    {
        var html = new StringBuilder(AdminPage.Head(conversationId is { } id ? $"Conversation {id} · timeline" : "Timeline"))
            .Append("<header><h1><a href=\"/admin/\">Shopping assistant</a></h1>").Append(AdminPage.Search(conversationId)).Append("</header><main>");
        if (timeline is null)
        {
            html.Append(conversationId is null
                ? "<p>Enter a conversation number to see everything the assistant did in it.</p>"
                : $"<p role=\"status\">No conversation {conversationId} is known.</p>");
            return html.Append("</main></body></html>").ToString();
        }

        var first = ((timeline.Page - 1) * TimelineRepository.PageSize) + 1;
        html.Append(Invariant($"<p class=\"period\">Conversation {timeline.ConversationId} in account {timeline.AccountId} · {timeline.Entries.Count} entries"))
            .Append(timeline.Page > 1 || timeline.HasMore ? Invariant($" ({first}–{first + timeline.Entries.Count - 1})") : string.Empty)
            .Append(" · times UTC</p>")
            .Append(Invariant($"<ol class=\"timeline\" start=\"{first}\">"));
        foreach (var entry in timeline.Entries)
        {
            var took = entry.Milliseconds is { } ms ? Invariant($" <span class=\"took\">{ms:0} ms</span>") : string.Empty;
            html.Append(Invariant($"<li class=\"{entry.Kind}\"><time datetime=\"{entry.At.UtcDateTime:O}\">{entry.At.UtcDateTime:HH:mm:ss.fff}</time>"))
                .Append($"<div class=\"title\"><span class=\"kind\">{Encode(entry.Kind)}</span>{Encode(redact(entry.Title))}{took}</div>");
            if (!string.IsNullOrWhiteSpace(entry.Detail))
            {
                // Masked before it is cut: a secret cut at the boundary must not show in part.
                html.Append($"<pre>{Encode(Shorten(redact(entry.Detail)))}</pre>");
            }

            html.Append("</li>");
        }

        html.Append("</ol>");
        if (timeline.Page > 1 || timeline.HasMore)
        {
            html.Append("<nav class=\"pages\" aria-label=\"Timeline pages\">")
                .Append(timeline.Page > 1 ? PageLink(timeline, timeline.Page - 1, "Earlier entries") : string.Empty)
                .Append(timeline.HasMore ? PageLink(timeline, timeline.Page + 1, "Later entries") : string.Empty)
                .Append("</nav>");
        }

        return html.Append("</main></body></html>").ToString();
    }

    private static string PageLink(Timeline timeline, int page, string text) =>
        Invariant($"<a href=\"/admin/conversations?id={timeline.ConversationId}&amp;account={timeline.AccountId}&amp;page={page}\">{text}</a>");

    // A tool result can be long (an order with its lines); the page shows enough to answer "why".
    private static string Shorten(string text) => text.Length > 2000 ? text[..2000] + " …" : text;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
