using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Turns;

public sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    /// <summary>A turn starts once the newest customer message is this old, so a burst is answered once.</summary>
    [Range(0, 60_000)]
    public int DebounceMs { get; set; } = 1500;

    /// <summary>However long a burst goes on, its first message is answered within this time.</summary>
    [Range(0, 120_000)]
    public int MaxDebounceMs { get; set; } = 10_000;

    /// <summary>
    /// How long an answer whose delivery is uncertain (Chatwoot failed mid-request) waits for its echo before it is
    /// sent again, when no user token lets the message history settle the question at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan EchoWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a turn waits for a voice note's transcript before it answers without it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan VoiceTranscriptWait { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// When the customer leaves the bot's question unanswered this long, the bot follows up once, written for the
    /// conversation. Unset (the default): no follow-up.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan? FollowUpAfter { get; set; }

    /// <summary>When the customer has said nothing this long after the bot's answer, the bot resolves the conversation. Unset: never.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan? ResolveAfter { get; set; }

    /// <summary>
    /// A customer message that got neither an answer nor a handoff this long after it arrived (an overloaded
    /// instance, a stuck turn) is handed to a person with an apology. Unset: no watchdog. Longer than the debounce
    /// and a model's answer, e.g. <c>00:02:00</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan? SilenceLimit { get; set; }

    /// <summary>
    /// The approved WhatsApp template sent instead of a free-form message once WhatsApp's 24-hour window has closed
    /// (Chatwoot's <c>can_reply</c> is false); unset, such a message is skipped and the timeline says so.
    /// </summary>
    public WindowTemplateOptions WindowTemplate { get; set; } = new();

    /// <summary>
    /// Chatwoot's CSAT survey after the bot resolves a conversation: <c>inbox</c> (the default: when the inbox has CSAT
    /// on, read with <c>Chatwoot__UserToken</c>), <c>always</c>, or <c>never</c>.
    /// </summary>
    [RegularExpression("^(inbox|always|never)$", ErrorMessage = "Assistant__Csat must be 'inbox', 'always' or 'never'.")]
    public string Csat { get; set; } = "inbox";
}

/// <summary>A WhatsApp message template (<c>Assistant__WindowTemplate__*</c>), as Chatwoot's <c>template_params</c> name it.</summary>
public sealed class WindowTemplateOptions
{
    /// <summary>The template's name in WhatsApp Manager, e.g. <c>conversation_follow_up</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Its language code, e.g. <c>en_US</c>.</summary>
    public string Language { get; set; } = "en_US";

    /// <summary>Its category: <c>UTILITY</c> or <c>MARKETING</c>.</summary>
    public string Category { get; set; } = "UTILITY";

    /// <summary>What the template says, as the conversation's transcript shows it; <c>{{1}}</c> is the customer's name.</summary>
    public string? Text { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(Text);
}
