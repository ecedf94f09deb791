namespace Assistant.Engine.Turns;

internal sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>The team handoffs go to (Chatwoot team id).</summary>
    public long? TeamId { get; set; }

    /// <summary>The agent handoffs go to (Chatwoot user id); set after the team, as Chatwoot needs two calls.</summary>
    public long? AgentId { get; set; }

    /// <summary>Labels added (merged) on handoff, comma-separated.</summary>
    public string Labels { get; set; } = "bot-handoff";

    /// <summary>A team per handoff reason, e.g. <c>Handoff__ReasonTeams__refund=4</c>; other reasons use <see cref="TeamId"/>.</summary>
    public Dictionary<string, long> ReasonTeams { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Teams per reason and language, first match wins, e.g. <c>Handoff__Routes__0__Reason=refund</c>,
    /// <c>Handoff__Routes__0__Language=zh-CN</c>, <c>Handoff__Routes__0__TeamId=7</c>; before <see cref="ReasonTeams"/>.
    /// </summary>
    public List<HandoffRouteOption> Routes { get; set; } = [];

    /// <summary>Assign the team's next online agent, round-robin (needs <c>Chatwoot__UserToken</c>).</summary>
    public bool AssignAvailableAgent { get; set; }

    /// <summary>A customer handed off again within this many hours gets the same agent while that agent is online; 0 turns it off.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 24 * 365)]
    public double StickyHours { get; set; }

    /// <summary>A label that silences the bot on a conversation whatever its status, e.g. <c>no-bot</c>.</summary>
    public string? StopLabel { get; set; }

    /// <summary>
    /// Whether a person's public reply also sets the conversation <c>open</c>, so it shows in the agents' queue (as
    /// Chatwoot does for its own Captain inboxes only). The bot goes silent after a person's reply either way.
    /// </summary>
    public bool OpenOnHumanReply { get; set; } = true;

    /// <summary>
    /// A label people add to give a conversation back to the bot (with no human assignee), e.g. <c>bot-handback</c>;
    /// setting the conversation back to pending does the same. The service removes the label once it has acted on it.
    /// </summary>
    public string? HandBackLabel { get; set; }

    /// <summary>How many later events may retry an assignment Chatwoot refused before it is given up.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 20)]
    public int AssignmentRetries { get; set; } = 3;

    public bool Stops(IEnumerable<string> labels) =>
        !string.IsNullOrWhiteSpace(StopLabel) && labels.Contains(StopLabel.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The team for a reason in a language: a route naming both, then one naming either, then the reason teams, then the default.</summary>
    public long? TeamFor(string reason, string language)
    {
        static bool Is(string? value, string actual) => value is not null && value.Equals(actual, StringComparison.OrdinalIgnoreCase);
        var route = Routes.FirstOrDefault(r => Is(r.Reason, reason) && Is(r.Language, language))
            ?? Routes.FirstOrDefault(r => Is(r.Reason, reason) && r.Language is null)
            ?? Routes.FirstOrDefault(r => r.Reason is null && Is(r.Language, language));
        return route?.TeamId ?? TeamFor(reason);
    }

    public IReadOnlyList<string> LabelList =>
        [.. Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public long? TeamFor(string reason) => ReasonTeams.TryGetValue(reason, out var team) ? team : TeamId;
}

/// <summary>One <c>Handoff__Routes__N</c> entry: a reason, a language, or both, and the team they go to.</summary>
internal sealed class HandoffRouteOption
{
    public string? Reason { get; set; }

    public string? Language { get; set; }

    public long TeamId { get; set; }
}
