using System.Globalization;
using System.Text.Json.Nodes;
using Assistant.Engine.Inbox;
using Assistant.Zendesk;
using Microsoft.Extensions.Logging;

namespace Assistant.Bridge;

/// <summary>
/// Zendesk may drop webhook events (best-effort delivery, circuit breaker). This re-reads the comments of recently
/// active tickets and queues, as ordinary comment events, those the ledger does not know; the event handler's claim
/// by comment id keeps a comment from ever being applied twice.
/// </summary>
public sealed partial class ZendeskReconciler(
    BridgeRepository bridge,
    BridgeIdentity identity,
    ZendeskClient zendesk,
    InboxRepository inbox,
    TimeProvider clock,
    ILogger<ZendeskReconciler> logger)
{
    private const int MaxTicketsPerPass = 50;

    /// <returns>How many missed comments were queued.</returns>
    public async Task<int> ReconcileAsync(TimeSpan lookBack, CancellationToken cancellationToken)
    {
        var bridgeUser = await identity.UserIdAsync(cancellationToken);
        var recovered = 0;
        foreach (var link in await bridge.RecentlyActiveAsync(clock.GetUtcNow() - lookBack, MaxTicketsPerPass, cancellationToken))
        {
            var comments = await zendesk.RecentCommentsAsync(link.TicketId, cancellationToken);
            var known = await bridge.KnownCommentsAsync([.. comments.Select(c => c.Id)], cancellationToken);
            foreach (var comment in comments.Where(c => c.AuthorId != bridgeUser && !known.Contains(c.Id)).OrderBy(c => c.Id))
            {
                if (await inbox.TryAddAsync(new NewInboxEvent(ZendeskEnvelope.Source, $"reconciled-comment:{comment.Id}", "zen:event-type:ticket.comment_added",
                        $"zendesk:ticket:{link.TicketId}", CommentEvent(link.TicketId, comment)), cancellationToken))
                {
                    recovered++;
                }
            }
        }

        if (recovered > 0)
        {
            Log.Recovered(logger, recovered);
        }

        return recovered;
    }

    /// <summary>The comment in the shape of the event Zendesk would have sent.</summary>
    internal static string CommentEvent(long ticketId, ZendeskTicketComment comment) => new JsonObject
    {
        ["id"] = $"reconciled-comment:{comment.Id}",
        ["type"] = "zen:event-type:ticket.comment_added",
        ["subject"] = $"zen:ticket:{ticketId}",
        ["event"] = new JsonObject
        {
            ["comment"] = new JsonObject
            {
                ["id"] = comment.Id.ToString(CultureInfo.InvariantCulture),
                ["body"] = comment.Body,
                ["is_public"] = comment.Public,
                ["author"] = new JsonObject { ["id"] = comment.AuthorId.ToString(CultureInfo.InvariantCulture), ["is_staff"] = comment.ByStaff },
            },
        },
    }.ToJsonString();

    private static partial class Log
    {
        [LoggerMessage(EventId = 920, Level = LogLevel.Warning, Message = "Recovered {Count} Zendesk comment(s) whose webhook events never arrived.")]
        public static partial void Recovered(ILogger logger, int count);
    }
}
