using System.ComponentModel.DataAnnotations;

namespace Assistant.Operations.Retention;

public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// How long conversation history is kept: transcript lines, finished turns with their steps, and the Zendesk
    /// bridge's ledger. Older rows are deleted hourly; the conversation's state and its ticket link stay.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepHistory { get; set; } = TimeSpan.FromDays(90);
}
