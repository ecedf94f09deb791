using Assistant.Engine.Actions;
using Assistant.Engine.Store;
using Microsoft.Extensions.Logging;

namespace Assistant.Plugins.Actions;

/// <summary>How carrying out an action ended; <see cref="Detail"/> is the store's status, or the reason code or words.</summary>
public sealed record ActionResult(string State, string Detail);

/// <summary>
/// The third phase: carries a confirmed (or approved) action out, exactly once. The action is claimed first (only
/// one caller moves it to executing), then checked again on a fresh read (the same owner, still eligible), written
/// with its key, and read back. A write whose outcome is unknown is never repeated: the read-back decides, and an
/// action found executing after a crash is only read back.
/// </summary>
public sealed partial class ActionRunner(
    IOrderWriter store, OrderActionRepository actions, ActionSettings settings, TimeProvider clock, ILogger<ActionRunner> logger)
{
    /// <returns>Null when another caller had already claimed the action.</returns>
    public async Task<ActionResult?> RunAsync(OrderActionRow action, CancellationToken cancellationToken)
    {
        if (!await actions.MoveAsync(action.Id, [ActionStates.AwaitingConfirmation, ActionStates.AwaitingApproval], ActionStates.Executing, cancellationToken))
        {
            return null;
        }

        var facts = action.Facts;
        var fresh = await store.ReadAsync(action.OrderNumber, cancellationToken);
        if (fresh is null || fresh.Owner.Id != action.CustomerId)
        {
            return await EndAsync(action, ActionStates.Refused, "owner", cancellationToken);
        }

        if (ActionEligibility.Check(action.Kind, fresh, facts.Address, clock.GetUtcNow(), settings.Current) is { } ineligible)
        {
            return await EndAsync(action, ActionStates.Refused, ineligible.Code, cancellationToken);
        }

        var request = Request(action, fresh);
        StoreWriteResult written;
        try
        {
            written = await store.WriteAsync(request, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            Log.WriteUnknown(logger, ex, action.Kind, action.OrderNumber);
            return await ReadBackAsync(action, request, cancellationToken);
        }

        if (!written.IsAccepted)
        {
            Log.StoreRefused(logger, action.Kind, action.OrderNumber, written.Refusal!);
            return await EndAsync(action, ActionStates.Failed, written.Refusal!, cancellationToken);
        }

        return await ReadBackAsync(action, request, cancellationToken, written.InProgress);
    }

    /// <summary>An action a crashed attempt left executing: only the read-back says what happened, and nothing is written again.</summary>
    public async Task<ActionResult> ResumeAsync(OrderActionRow action, CancellationToken cancellationToken)
    {
        var fresh = await store.ReadAsync(action.OrderNumber, cancellationToken);
        return fresh is null
            ? await EndAsync(action, ActionStates.Failed, "The order could not be read back.", cancellationToken)
            : await ReadBackAsync(action, Request(action, fresh), cancellationToken);
    }

    /// <param name="inProgress">The store accepted the write and is still carrying it out: not yet visible is not "not done".</param>
    private async Task<ActionResult> ReadBackAsync(OrderActionRow action, OrderWriteRequest request, CancellationToken cancellationToken, string? inProgress = null)
    {
        // A store down now leaves the action executing: the turn fails, and its retry resumes with this read-back.
        var readBack = await store.ReadBackAsync(request, cancellationToken);
        if (!readBack.Done && inProgress is not null)
        {
            readBack = new StoreReadBack(true, inProgress);
        }

        var state = readBack.Done ? ActionStates.Executed : ActionStates.Failed;
        await actions.MoveAsync(action.Id, [ActionStates.Executing], state, cancellationToken,
            reason: readBack.Done ? null : "The store does not show the change.", storeStatus: readBack.Status);
        Log.Ended(logger, action.Kind, action.OrderNumber, state, readBack.Status);
        return new ActionResult(state, readBack.Status);
    }

    private async Task<ActionResult> EndAsync(OrderActionRow action, string state, string reason, CancellationToken cancellationToken)
    {
        await actions.MoveAsync(action.Id, [ActionStates.Executing], state, cancellationToken, reason: reason);
        Log.Ended(logger, action.Kind, action.OrderNumber, state, reason);
        return new ActionResult(state, reason);
    }

    private static OrderWriteRequest Request(OrderActionRow action, ShopOrderDetails order)
    {
        var facts = action.Facts;
        return new OrderWriteRequest(action.Id, action.Kind, order, facts.Address, facts.Reason, facts.Items, $"{action.AccountId}/{action.ConversationId}");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "The store's answer to {Kind} of order {OrderNumber} was lost; reading the order back instead of writing again.")]
        public static partial void WriteUnknown(ILogger logger, Exception exception, string kind, string orderNumber);

        [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "The store refused {Kind} of order {OrderNumber}: {Refusal}")]
        public static partial void StoreRefused(ILogger logger, string kind, string orderNumber, string refusal);

        [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "Order action {Kind} of order {OrderNumber} ended {State}: {Detail}")]
        public static partial void Ended(ILogger logger, string kind, string orderNumber, string state, string detail);
    }
}
