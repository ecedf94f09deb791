using System.Globalization;
using System.Text;

namespace Assistant.Operations.Reports;

/// <summary>The report as the terminal shows it.</summary>
public static class ReportText
{
    public static string Render(Report report)
    {
        var t = report.Totals;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Shopping assistant report, {report.Since:yyyy-MM-dd HH:mm} to {report.Until:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine();
        text.AppendLine(Invariant($"Conversations handled   {t.Conversations}"));
        text.AppendLine(Invariant($"Resolved by the bot     {t.ResolvedByBot} ({Share(t.ResolvedByBot, t.Conversations)})"));
        text.AppendLine(Invariant($"Handed off              {t.HandedOff} ({Share(t.HandedOff, t.Conversations)}), {t.AfterHoursHandoffs} outside business hours"));
        text.AppendLine(Invariant($"First reply (s)         p50 {Seconds(t.FirstReply.P50)}  p90 {Seconds(t.FirstReply.P90)}  p99 {Seconds(t.FirstReply.P99)}"));
        text.AppendLine(Invariant($"Tokens                  {t.Tokens}, {(t.TokensPerResolved is { } tokens ? tokens.ToString(CultureInfo.InvariantCulture) : "-")} per resolved conversation"));
        text.AppendLine(Invariant($"Cost                    {t.Cost:0.0000}, {(t.CostPerResolved is { } cost ? cost.ToString("0.0000", CultureInfo.InvariantCulture) : "-")} per resolved conversation"));
        text.AppendLine(Invariant($"Model failures          {t.ModelFailures} turns"));
        text.AppendLine(Invariant($"Budget kept model out   {t.BudgetTurns} turns"));
        text.AppendLine(Invariant($"CSAT, bot resolved      {Csat(report.Csat.ResolvedByBot)}"));
        text.AppendLine(Invariant($"CSAT, handed off        {Csat(report.Csat.HandedOff)}"));
        if (report.HandoffReasons.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Handoff reasons");
            foreach (var reason in report.HandoffReasons)
            {
                text.AppendLine(Invariant($"  {reason.Reason,-22}{reason.Count}"));
            }
        }

        if (report.Actions.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Order actions           day         action          outcome              count");
            foreach (var action in report.Actions)
            {
                text.AppendLine(Invariant($"                        {action.Day:yyyy-MM-dd}  {action.Kind,-14}  {action.Outcome,-19}  {action.Count}"));
            }
        }

        text.AppendLine();
        text.AppendLine("Day         Conversations  Resolved  Handed off  First reply p50  Tokens     Cost  Model failures");
        foreach (var day in report.Days)
        {
            text.AppendLine(Invariant($"{day.Day:yyyy-MM-dd}  {day.Conversations,13}  {day.ResolvedByBot,8}  {day.HandedOff,10}  {Seconds(day.FirstReplyP50),15}  {day.Tokens,6}  {day.Cost,7:0.0000}  {day.ModelFailures,14}"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Share(long part, long whole) => whole == 0 ? "-" : (part / (double)whole).ToString("0%", CultureInfo.InvariantCulture);

    /// <summary>E.g. <c>4.5 of 5, 80% satisfied (10 ratings)</c>.</summary>
    public static string Csat(CsatScore score) => score.Average is { } average
        ? Invariant($"{average:0.0} of 5, {score.Satisfied ?? 0:0%} satisfied ({score.Responses} {(score.Responses == 1 ? "rating" : "ratings")})")
        : "no ratings";

    private static string Seconds(double? seconds) => seconds is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
