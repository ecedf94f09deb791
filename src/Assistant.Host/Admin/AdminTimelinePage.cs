using System.Globalization;
using System.Net;
using System.Text;
using Assistant.Engine.Reports;

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

        html.Append(Invariant($"<p class=\"period\">Conversation {timeline.ConversationId} in account {timeline.AccountId} · {timeline.Entries.Count} entries · times UTC</p>"))
            .Append("<ol class=\"timeline\">");
        foreach (var entry in timeline.Entries)
        {
            var took = entry.Milliseconds is { } ms ? Invariant($" <span class=\"took\">{ms:0} ms</span>") : string.Empty;
            html.Append(Invariant($"<li class=\"{entry.Kind}\"><time datetime=\"{entry.At.UtcDateTime:O}\">{entry.At.UtcDateTime:HH:mm:ss.fff}</time>"))
                .Append($"<div class=\"title\"><span class=\"kind\">{Encode(entry.Kind)}</span>{Encode(redact(entry.Title))}{took}</div>");
            if (!string.IsNullOrWhiteSpace(entry.Detail))
            {
                html.Append($"<pre>{Encode(redact(Shorten(entry.Detail)))}</pre>");
            }

            html.Append("</li>");
        }

        return html.Append("</ol></main></body></html>").ToString();
    }

    // A tool result can be long (an order with its lines); the page shows enough to answer "why".
    private static string Shorten(string text) => text.Length > 2000 ? text[..2000] + " …" : text;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
