using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Inbox;

public sealed class InboxOptions
{
    public const string SectionName = "Inbox";

    /// <summary>
    /// Parallel event loops per instance; events of one conversation never run in parallel regardless. A turn holds its
    /// loop while the model thinks (seconds, not CPU), so this bounds how many customers are answered at once.
    /// </summary>
    [Range(1, 256)]
    public int Workers { get; set; } = 32;

    /// <summary>
    /// Of the <see cref="Workers"/>, how many may run at once outside their waits on the model and other services:
    /// their own CPU and database work. Beyond the cores' worth, more only take the machine from webhook intake.
    /// </summary>
    [Range(1, 256)]
    public int BusyWorkers { get; set; } = Math.Max(2, 2 * Environment.ProcessorCount);

    /// <summary>How often an idle worker looks for work when no notification arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim lasts without a heartbeat before another instance may take the event over.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On shutdown, how long events in flight may run on before they are interrupted and released.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Attempts before an event is dead-lettered.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long processed events are kept (for inspection and for recognising Chatwoot's retries) before they are deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan KeepDone { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long dead letters are kept for inspection and replay (<c>assistant inbox replay</c>) before they are deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepDead { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "06:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);
}
