using System.Globalization;
using System.Net;
using System.Text;
using Assistant.Operations.Reports;

namespace Assistant.Host.Admin;

/// <summary>The report as one self-contained HTML page: inline styles, inline SVG, no script.</summary>
internal static class AdminPage
{
    public const string Resolved = "#2f9e44";
    public const string HandedOff = "#e8590c";
    public const string Answered = "#adb5bd";
    public const string P50 = "#1971c2";
    public const string P90 = "#9c36b5";
    public const string Spend = "#f08c00";

    private static readonly string[] Periods = ["24h", "7d", "30d", "90d"];

    public static string Render(Report report, string period)
    {
        var t = report.Totals;
        var labels = report.Days.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        var html = new StringBuilder();
        html.Append(Head("Shopping assistant · report"))
            .Append("<header><h1>Shopping assistant</h1>").Append(Search(null)).Append("<nav aria-label=\"Period\">");
        foreach (var p in Periods)
        {
            html.Append(p == period ? $"<a aria-current=\"page\" href=\"?since={p}\">{p}</a>" : $"<a href=\"?since={p}\">{p}</a>");
        }

        html.Append("</nav></header><main>")
            .Append(Invariant($"<p class=\"period\">{report.Since:yyyy-MM-dd HH:mm} – {report.Until:yyyy-MM-dd HH:mm} UTC</p>"))
            .Append("<section class=\"tiles\">")
            .Append(Tile("Conversations", t.Conversations.ToString(CultureInfo.InvariantCulture), "handled by the bot"))
            .Append(Tile("Resolved by the bot", t.ResolvedByBot.ToString(CultureInfo.InvariantCulture), Share(t.ResolvedByBot, t.Conversations)))
            .Append(Tile("Handed off", t.HandedOff.ToString(CultureInfo.InvariantCulture), $"{Share(t.HandedOff, t.Conversations)}, {t.AfterHoursHandoffs} after hours"))
            .Append(Tile("First reply p50", Seconds(t.FirstReply.P50), $"p90 {Seconds(t.FirstReply.P90)} · p99 {Seconds(t.FirstReply.P99)}"))
            .Append(Tile("Cost per resolved", t.CostPerResolved is { } cost ? Money(cost) : "–", $"{(t.TokensPerResolved is { } tokens ? tokens.ToString("N0", CultureInfo.InvariantCulture) : "–")} tokens · total {Money(t.Cost)}"))
            .Append(Tile("Model failures", t.ModelFailures.ToString(CultureInfo.InvariantCulture), $"{t.BudgetTurns} turns over budget"))
            .Append(Tile("CSAT, bot resolved", CsatAverage(report.Csat.ResolvedByBot), ReportText.Csat(report.Csat.ResolvedByBot)))
            .Append(Tile("CSAT, handed off", CsatAverage(report.Csat.HandedOff), ReportText.Csat(report.Csat.HandedOff)))
            .Append("</section><section class=\"charts\">")
            .Append(Figure("Conversations per day", SvgChart.StackedBars("conversations", labels,
            [
                new("resolved by the bot", Resolved, [.. report.Days.Select(d => (double?)d.ResolvedByBot)]),
                new("handed off", HandedOff, [.. report.Days.Select(d => (double?)d.HandedOff)]),
                new("answered, open", Answered, [.. report.Days.Select(d => (double?)(d.Conversations - d.ResolvedByBot - d.HandedOff))]),
            ], v => v.ToString("0", CultureInfo.InvariantCulture), wholeNumbers: true)))
            .Append(Figure("First reply, seconds", SvgChart.Lines("first-reply", labels,
            [
                new("p50", P50, [.. report.Days.Select(d => d.FirstReplyP50)]),
                new("p90", P90, [.. report.Days.Select(d => d.FirstReplyP90)]),
            ], v => v.ToString("0.#", CultureInfo.InvariantCulture))))
            .Append(Figure("Model spend per day", SvgChart.StackedBars("cost", labels,
                [new("cost", Spend, [.. report.Days.Select(d => (double?)d.Cost)])], v => v.ToString("0.###", CultureInfo.InvariantCulture))))
            .Append(Figure("Handoff reasons", SvgChart.HorizontalBars("handoff-reasons", [.. report.HandoffReasons.Select(r => (r.Reason.Replace('_', ' '), r.Count))], HandedOff)))
            .Append(Figure("Order actions by outcome", SvgChart.HorizontalBars("order-actions",
                [.. report.Actions.GroupBy(a => $"{a.Kind.Replace('_', ' ')} · {a.Outcome.Replace('_', ' ')}").Select(g => (g.Key, g.Sum(a => a.Count)))], Resolved)))
            .Append("</section>")
            .Append(DayTable(report))
            .Append("</main><footer>Days are UTC days. A conversation counts on the day of its first turn in the period; resolved means the bot resolved it and never handed it off.</footer></body></html>");
        return html.ToString();
    }

    /// <summary>What the sign-in page says besides the form.</summary>
    public enum SignIn
    {
        Form,
        Failed,
        Throttled,
        NeedsHttps,
    }

    public static string Login(SignIn state) =>
        Head("Shopping assistant · sign in")
        + "<main class=\"login\"><h1>Shopping assistant</h1><form method=\"post\" action=\"/admin/login\">"
        + "<label for=\"token\">Admin token</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required>"
        + state switch
        {
            SignIn.Failed => "<p class=\"error\" role=\"alert\">That token is not right.</p>",
            SignIn.Throttled => "<p class=\"error\" role=\"alert\">Too many wrong tokens from your address. Try again later.</p>",
            SignIn.NeedsHttps => "<p class=\"error\" role=\"alert\">Sign in over HTTPS. Behind a TLS proxy, name it in Http__TrustedProxies.</p>",
            _ => string.Empty,
        }
        + "<button type=\"submit\">Sign in</button></form></main></body></html>";

    /// <summary>The sign-out button every signed-in page carries.</summary>
    public const string SignOut = "<form class=\"signout\" action=\"/admin/logout\" method=\"post\"><button type=\"submit\">Sign out</button></form>";

    private static string DayTable(Report report)
    {
        var rows = new StringBuilder("<div class=\"table\"><table><caption>Per day</caption><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Conversations</th><th scope=\"col\">Resolved</th><th scope=\"col\">Handed off</th><th scope=\"col\">First reply p50</th><th scope=\"col\">Tokens</th><th scope=\"col\">Cost</th><th scope=\"col\">Model failures</th></tr></thead><tbody>");
        foreach (var day in report.Days.Reverse())
        {
            rows.Append(Invariant($"<tr><th scope=\"row\">{day.Day:yyyy-MM-dd}</th><td>{day.Conversations}</td><td>{day.ResolvedByBot}</td><td>{day.HandedOff}</td><td>{Seconds(day.FirstReplyP50)}</td><td>{day.Tokens:N0}</td><td>{Money(day.Cost)}</td><td>{day.ModelFailures}</td></tr>"));
        }

        return rows.Append("</tbody></table></div>").ToString();
    }

    /// <summary>The conversation search every admin page carries: it opens that conversation's decision timeline.</summary>
    public static string Search(long? conversationId) =>
        "<form class=\"search\" action=\"/admin/conversations\" method=\"get\" role=\"search\">"
        + $"<input name=\"id\" inputmode=\"numeric\" pattern=\"[0-9]+\" placeholder=\"Conversation #\" aria-label=\"Conversation id\" value=\"{conversationId}\">"
        + "<button type=\"submit\">Timeline</button></form>" + SignOut;

    public static string Head(string title) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{WebUtility.HtmlEncode(title)}</title><style>{Styles}</style></head><body>";

    private static string Tile(string name, string value, string detail) =>
        $"<div class=\"tile\"><h2>{WebUtility.HtmlEncode(name)}</h2><p class=\"value\">{WebUtility.HtmlEncode(value)}</p><p class=\"detail\">{WebUtility.HtmlEncode(detail)}</p></div>";

    private static string Figure(string caption, string svg) => $"<figure><figcaption>{WebUtility.HtmlEncode(caption)}</figcaption>{svg}</figure>";

    private static string Share(long part, long whole) => whole == 0 ? "–" : (part / (double)whole).ToString("0%", CultureInfo.InvariantCulture);

    private static string CsatAverage(CsatScore score) => score.Average is { } average ? average.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.0 s", CultureInfo.InvariantCulture) : "–";

    private static string Money(decimal amount) => amount.ToString(amount < 1 ? "0.0000" : "N2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private const string Styles = """
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;background:#f8f9fa}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #dee2e6}
        h1{font-size:1.15rem;margin:0}nav{display:flex;gap:.25rem}nav a{padding:.25rem .6rem;border-radius:.4rem;color:#1971c2;text-decoration:none}
        nav a[aria-current]{background:#1971c2;color:#fff}main{padding:1rem;max-width:72rem;margin:0 auto}.period{margin:0 0 .75rem;color:#495057}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,10rem),1fr));gap:.75rem}
        .tile{background:#fff;border:1px solid #dee2e6;border-radius:.5rem;padding:.75rem}.tile h2{font-size:.8rem;font-weight:600;color:#495057;margin:0;text-transform:uppercase;letter-spacing:.03em}
        .value{font-size:1.6rem;font-weight:650;margin:.2rem 0 0}.detail{margin:0;color:#6c757d;font-size:.85rem}
        .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:.75rem;margin-top:.75rem}
        figure{margin:0;background:#fff;border:1px solid #dee2e6;border-radius:.5rem;padding:.75rem}figcaption{font-weight:600;margin-bottom:.25rem}
        svg.chart{display:block;width:100%;height:auto;font-size:12px;fill:#495057}.grid{stroke:#e9ecef}
        @media (max-width:40rem){svg.chart{font-size:17px}}
        .table{overflow-x:auto;margin-top:.75rem;background:#fff;border:1px solid #dee2e6;border-radius:.5rem}
        table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:600;padding:.75rem .75rem 0}
        th,td{padding:.4rem .75rem;text-align:right;white-space:nowrap;border-bottom:1px solid #f1f3f5}th[scope=row],thead th:first-child{text-align:left}
        footer{padding:1rem;color:#6c757d;font-size:.85rem;max-width:72rem;margin:0 auto}
        .login{max-width:22rem;margin:15vh auto;background:#fff;border:1px solid #dee2e6;border-radius:.5rem;padding:1.25rem}
        .login form{display:grid;gap:.6rem;margin-top:1rem}input,button{font:inherit;padding:.5rem .6rem;border-radius:.4rem;border:1px solid #ced4da}
        button{background:#1971c2;color:#fff;border-color:#1971c2;cursor:pointer}.error{color:#c92a2a;margin:0}
        .search{display:flex;gap:.35rem}.search input{width:9.5rem;padding:.3rem .5rem}.search button{padding:.3rem .6rem}
        .signout button{padding:.3rem .6rem;background:none}
        .timeline{list-style:none;margin:0;padding:0}.timeline li{display:grid;grid-template-columns:6.5rem 1fr;gap:.15rem .75rem;padding:.5rem .75rem;background:#fff;border:1px solid #dee2e6;border-left-width:4px;border-radius:.4rem;margin-bottom:.4rem}
        .timeline time{color:#6c757d;font-variant-numeric:tabular-nums;font-size:.85rem}.timeline .title{font-weight:600;overflow-wrap:anywhere}
        .timeline .kind{display:inline-block;font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:#495057;background:#f1f3f5;border-radius:.3rem;padding:0 .35rem;margin-right:.4rem}
        .timeline .took{color:#6c757d;font-weight:400;font-size:.85rem}.timeline pre{grid-column:2;margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.82rem;color:#343a40}
        .timeline .event{border-left-color:#adb5bd}.timeline .message{border-left-color:#1971c2}.timeline .turn{border-left-color:#9c36b5}.timeline .tool{border-left-color:#f08c00}.timeline .model{border-left-color:#5f3dc4}
        .timeline .gate{border-left-color:#c92a2a}.timeline .step{border-left-color:#2f9e44}.timeline .zendesk{border-left-color:#0b7285}
        @media (max-width:40rem){.timeline li{grid-template-columns:1fr}.timeline pre{grid-column:1}}
        """;
}
