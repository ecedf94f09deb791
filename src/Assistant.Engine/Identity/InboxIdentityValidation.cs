using System.Collections.Concurrent;
using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Identity;

/// <summary>
/// Which inboxes enforce Chatwoot's identity validation: those listed in <c>Chatwoot__HmacEnforcedInboxes</c>, and
/// those whose <c>hmac_mandatory</c> Chatwoot reports (read with the user token, kept ten minutes). An inbox that
/// cannot be read counts as not enforcing until it can: the customer then proves who they are another way.
/// </summary>
public sealed partial class InboxIdentityValidation(
    IServiceScopeFactory scopes,
    IOptionsMonitor<ChatwootOptions> options,
    TimeProvider clock,
    ILogger<InboxIdentityValidation> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<(long AccountId, long InboxId), (bool Enforced, DateTimeOffset ReadAt)> _read = new();

    public async Task<bool> EnforcedAsync(long accountId, long? inboxId, CancellationToken cancellationToken)
    {
        if (inboxId is not { } inbox)
        {
            return false;
        }

        var settings = options.CurrentValue;
        if (settings.HmacEnforcedInboxIds.Contains(inbox))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(settings.UserToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (_read.TryGetValue((accountId, inbox), out var cached) && now - cached.ReadAt < CacheFor)
        {
            return cached.Enforced;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var enforced = await scope.ServiceProvider.GetRequiredService<ChatwootUserClient>()
                .GetInboxEnforcesIdentityAsync(accountId, inbox, cancellationToken) ?? false;
            _read[(accountId, inbox)] = (enforced, now);
            return enforced;
        }
        catch (ChatwootApiException ex)
        {
            Log.ReadFailed(logger, ex, accountId, inbox);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 760, Level = LogLevel.Warning, Message = "Could not read whether inbox {AccountId}/{InboxId} enforces identity validation; its visitors count as unverified until it can be read.")]
        public static partial void ReadFailed(ILogger logger, Exception exception, long accountId, long inboxId);
    }
}
