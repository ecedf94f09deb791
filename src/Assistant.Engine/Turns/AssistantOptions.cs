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
}
