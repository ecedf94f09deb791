using System.Collections.Concurrent;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Conversations;

/// <summary>
/// Inbox settings the service acts on, read from Chatwoot with the user token and kept ten minutes: whether identity
/// validation is enforced (<c>hmac_mandatory</c>; inboxes listed in <c>Chatwoot__HmacEnforcedInboxes</c> count too)
/// and whether CSAT surveys are on. An inbox that cannot be read counts as neither until it can.
/// </summary>
public sealed partial class InboxFlags(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ChatwootOptions> options,
    TimeProvider clock,
    ILogger<InboxFlags> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<(long AccountId, long InboxId), (ChatwootInboxFlags Flags, DateTimeOffset ReadAt)> _read = new();

    public async Task<bool> EnforcesIdentityAsync(long accountId, long? inboxId, CancellationToken cancellationToken) =>
        inboxId is { } inbox && (options.CurrentValue.HmacEnforcedInboxIds.Contains(inbox)
            || (await ReadAsync(accountId, inbox, cancellationToken))?.HmacMandatory == true);

    public async Task<bool> CsatEnabledAsync(long accountId, long? inboxId, CancellationToken cancellationToken) =>
        inboxId is { } inbox && (await ReadAsync(accountId, inbox, cancellationToken))?.CsatSurveyEnabled == true;

    private async Task<ChatwootInboxFlags?> ReadAsync(long accountId, long inboxId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.CurrentValue.UserToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (_read.TryGetValue((accountId, inboxId), out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Flags;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var flags = await scope.ServiceProvider.GetRequiredService<ChatwootUserClient>().GetInboxFlagsAsync(accountId, inboxId, cancellationToken)
                ?? new ChatwootInboxFlags(false, false);
            _read[(accountId, inboxId)] = (flags, now);
            return flags;
        }
        catch (ChatwootApiException ex)
        {
            Log.ReadFailed(logger, ex, accountId, inboxId);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 760, Level = LogLevel.Warning, Message = "Could not read the settings of inbox {AccountId}/{InboxId}; until they can be read, its visitors count as unverified and no CSAT survey is sent.")]
        public static partial void ReadFailed(ILogger logger, Exception exception, long accountId, long inboxId);
    }
}
