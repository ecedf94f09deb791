using Assistant.Chatwoot.Api;
using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Routing;

/// <summary>
/// Where a handoff goes: the team for its reason and language, then (with <c>Handoff__AssignAvailableAgent</c>) one of
/// the team's online agents: the customer's recent agent when sticky, otherwise the next in the team's rotation. When
/// Chatwoot refuses the assignment, the conversation's next event tries again instead of leaving it unassigned.
/// </summary>
internal sealed partial class HandoffRouter(
    IServiceScopeFactory scopes,
    AssignmentRepository assignments,
    ConversationRepository conversations,
    IOptionsMonitor<HandoffOptions> options,
    ILogger<HandoffRouter> logger)
{
    public async Task<HandoffTarget> RouteAsync(ConversationState conversation, string reason, string language, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var team = settings.TeamFor(reason, language);
        if (settings.AgentId is not null || !settings.AssignAvailableAgent || team is not { } teamId)
        {
            return new HandoffTarget(team, settings.AgentId);
        }

        var agent = await PickAsync(conversation, teamId, settings, refused: null, cancellationToken);
        if (agent is { } picked)
        {
            await assignments.PlanAsync(conversation.AccountId, conversation.ConversationId, conversation.ContactId, teamId, picked, cancellationToken);
        }

        return new HandoffTarget(team, agent);
    }

    /// <summary>Tries again an assignment Chatwoot refused, unless a person took the conversation meanwhile or the retries are spent.</summary>
    public async Task RetryFailedAsync(long accountId, long conversationId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.AssignAvailableAgent || await assignments.FailedAsync(accountId, conversationId, cancellationToken) is not { } failed
            || await conversations.GetAsync(accountId, conversationId, cancellationToken) is not { } conversation)
        {
            return;
        }

        if (conversation.AssigneeId is not null || failed.Attempts > settings.AssignmentRetries || failed.TeamId is not { } teamId)
        {
            await assignments.GiveUpAsync(accountId, conversationId, cancellationToken);
            return;
        }

        if (await PickAsync(conversation, teamId, settings, failed.AgentId, cancellationToken) is not { } agent)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<ChatwootClient>().AssignAgentAsync(accountId, conversationId, agent, cancellationToken);
            await assignments.MarkAsync(accountId, conversationId, agent, AssignmentState.Assigned, cancellationToken);
            Log.Retried(logger, accountId, conversationId, agent);
        }
        catch (ChatwootApiException ex)
        {
            Log.RetryFailed(logger, ex, accountId, conversationId, agent);
            await assignments.MarkAsync(accountId, conversationId, agent, AssignmentState.Failed, cancellationToken);
        }
    }

    private async Task<long?> PickAsync(ConversationState conversation, long teamId, HandoffOptions settings, long? refused, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatwootAgent> members;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            members = await scope.ServiceProvider.GetRequiredService<ChatwootUserClient>().ListTeamMembersAsync(conversation.AccountId, teamId, cancellationToken);
        }
        catch (ChatwootApiException ex)
        {
            // The team still gets the conversation; Chatwoot's own auto-assignment may pick someone.
            Log.MembersUnreadable(logger, ex, conversation.AccountId, teamId);
            return null;
        }

        var online = members.Where(m => m.IsOnline).Select(m => m.Id).ToList();
        // An agent Chatwoot refused is skipped while anyone else is online.
        var candidates = online.Count > 1 && refused is { } skip ? online.Where(id => id != skip).Order().ToList() : online.Order().ToList();
        if (candidates.Count == 0)
        {
            Log.NobodyOnline(logger, conversation.AccountId, teamId);
            return null;
        }

        if (settings.StickyHours > 0 && conversation.ContactId is { } contact
            && await assignments.RecentAgentAsync(conversation.AccountId, contact, TimeSpan.FromHours(settings.StickyHours), cancellationToken) is { } recent
            && candidates.Contains(recent))
        {
            return recent;
        }

        return await assignments.NextInRotationAsync(conversation.AccountId, teamId, candidates, cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 750, Level = LogLevel.Warning, Message = "Could not read team {TeamId}'s members in account {AccountId}; the handoff goes to the team alone.")]
        public static partial void MembersUnreadable(ILogger logger, Exception exception, long accountId, long teamId);

        [LoggerMessage(EventId = 751, Level = LogLevel.Information, Message = "Nobody in team {TeamId} of account {AccountId} is online; the handoff goes to the team alone.")]
        public static partial void NobodyOnline(ILogger logger, long accountId, long teamId);

        [LoggerMessage(EventId = 752, Level = LogLevel.Information, Message = "Assigned {AccountId}/{ConversationId} to agent {AgentId} on retry.")]
        public static partial void Retried(ILogger logger, long accountId, long conversationId, long agentId);

        [LoggerMessage(EventId = 753, Level = LogLevel.Warning, Message = "Chatwoot refused again to assign {AccountId}/{ConversationId} to agent {AgentId}; the next event tries again.")]
        public static partial void RetryFailed(ILogger logger, Exception exception, long accountId, long conversationId, long agentId);
    }
}

/// <summary>The team and agent a handoff is assigned to; either may be none.</summary>
internal sealed record HandoffTarget(long? TeamId, long? AgentId);

/// <summary><c>handoff_assignments.state</c>.</summary>
internal static class AssignmentState
{
    public const string Assigned = "assigned";
    public const string Failed = "failed";
}
