using System.Collections.Concurrent;
using Assistant.Chatwoot.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Hours;

/// <summary>
/// Says whether a handoff lands outside business hours and when people answer again. Hours read from Chatwoot are
/// kept a while per inbox; when they cannot be read, the handoff goes ahead with no promise about when.
/// </summary>
internal sealed partial class BusinessHours(
    IServiceScopeFactory scopes,
    IOptionsMonitor<BusinessHoursOptions> options,
    TimeProvider clock,
    ILogger<BusinessHours> logger)
{
    private readonly ConcurrentDictionary<(long AccountId, long InboxId), (WorkingHours? Hours, DateTimeOffset ReadAt)> _inboxes = new();

    /// <summary>When people answer again, if the conversation's inbox is closed now; null when open or unknown.</summary>
    public async Task<AfterHours?> AfterHoursAsync(long accountId, long? inboxId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var hours = settings.Source.Trim().ToLowerInvariant() switch
        {
            "config" => BusinessHoursParser.FromOptions(settings),
            "chatwoot" when inboxId is { } inbox => await FromChatwootAsync(accountId, inbox, settings.CacheFor, cancellationToken),
            _ => null,
        };
        var now = clock.GetUtcNow();
        return hours?.NextOpening(now) is { } opening
            ? new AfterHours(TimeZoneInfo.ConvertTime(now, hours.Zone), opening)
            : null;
    }

    private async Task<WorkingHours?> FromChatwootAsync(long accountId, long inboxId, TimeSpan cacheFor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_inboxes.TryGetValue((accountId, inboxId), out var cached) && now - cached.ReadAt < cacheFor)
        {
            return cached.Hours;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var inbox = await scope.ServiceProvider.GetRequiredService<ChatwootUserClient>().GetInboxHoursAsync(accountId, inboxId, cancellationToken);
            var hours = inbox is null ? null : BusinessHoursParser.FromChatwoot(inbox);
            if (inbox is { Enabled: true } && hours is null)
            {
                Log.UnknownZone(logger, accountId, inboxId, inbox.TimeZone);
            }

            _inboxes[(accountId, inboxId)] = (hours, now);
            return hours;
        }
        catch (Exception ex) when (ex is ChatwootApiException or HttpRequestException)
        {
            // The hours only shape the wording of a handoff: an outage must not hold the handoff up.
            Log.ReadFailed(logger, ex, accountId, inboxId);
            return cached.Hours;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 740, Level = LogLevel.Warning, Message = "Could not read the working hours of inbox {AccountId}/{InboxId}; the handoff makes no promise about when.")]
        public static partial void ReadFailed(ILogger logger, Exception exception, long accountId, long inboxId);

        [LoggerMessage(EventId = 741, Level = LogLevel.Warning, Message = "Inbox {AccountId}/{InboxId} keeps working hours in time zone '{Zone}', which this machine does not know; they are ignored.")]
        public static partial void UnknownZone(ILogger logger, long accountId, long inboxId, string? zone);
    }
}

/// <summary>A handoff outside business hours: the store's local time now, and when people answer again.</summary>
public sealed record AfterHours(DateTimeOffset Now, DateTimeOffset Opening);
