namespace Assistant.Engine.Turns;

public sealed class HandoffOptions
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

    public IReadOnlyList<string> LabelList =>
        [.. Labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public long? TeamFor(string reason) => ReasonTeams.TryGetValue(reason, out var team) ? team : TeamId;
}
