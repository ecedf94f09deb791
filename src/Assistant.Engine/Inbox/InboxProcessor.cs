using Assistant.Engine.Telemetry;
using Assistant.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Claims one event at a time and runs its handler, resolved by the event's source in a DI scope of its own, under a
/// heartbeat-extended lease; settles it as done, retry or dead. A worker claims and processes only with a share of the
/// <see cref="WorkBudget"/> (<see cref="InboxOptions.BusyWorkers"/>), which it lends out while it waits on the model or
/// another service.
/// </summary>
public sealed partial class InboxProcessor(
    InboxRepository inbox,
    IInboxLeases leases,
    IServiceScopeFactory scopes,
    InboxSignal signal,
    WorkBudget budget,
    IOptionsMonitor<InboxOptions> options,
    TimeProvider clock,
    ILogger<InboxProcessor> logger)
{
    // One claim at a time per instance. Concurrent claims race for the same first rows and skip each other's locks;
    // serialised, they also pace how many events hit the database at once. Both raised intake throughput about 3x
    // on the benchmark machine (bench/README.md), more than claiming batches for the waiting workers did.
    private readonly SemaphoreSlim _claimGate = new(1, 1);

    /// <summary>
    /// Processes the next runnable event, if any, and the events claimed in the round trip that completed it (a handler
    /// completing its event in its own batch claims the worker's next one there, see <see cref="InboxCompletion"/>).
    /// </summary>
    /// <param name="claimToken">Stops the claim: no new work once shutdown begins.</param>
    /// <param name="processingToken">Interrupts work in flight: shutdown's grace period is over.</param>
    /// <returns>
    /// Whether the caller should look for more at once, or else how long to sleep: until the next delayed event falls
    /// due, at most the poll interval (learnt by the last claim, in its round trip).
    /// </returns>
    public async Task<InboxStep> ProcessNextAsync(string workerId, CancellationToken claimToken, CancellationToken processingToken)
    {
        var settings = options.CurrentValue;
        using var share = await budget.TakeAsync(claimToken);
        share.Enter();
        InboxClaim? claim = await ClaimAsync(workerId, settings.Lease, claimToken);
        while (claim?.Event is { } claimed)
        {
            if (claimToken.IsCancellationRequested)
            {
                // Claimed with the last completion as shutdown began: handed back untouched, the attempt not counted.
                await inbox.DeferAsync(claimed.Id, workerId, clock.GetUtcNow(), "Released at shutdown.", CancellationToken.None);
                return InboxStep.Busy;
            }

            claim = await ProcessAsync(claimed, claim.MoreDue, workerId, claimToken, processingToken, settings);
        }

        return claim is null ? InboxStep.Busy : InboxStep.Idle(SleepFor(claim.NextDue, clock.GetUtcNow(), settings.PollInterval));
    }

    /// <returns>The worker's next claim when the handler's completion made it; null when the worker must claim itself.</returns>
    private async Task<InboxClaim?> ProcessAsync(
        InboxEvent claimed, bool moreDue, string workerId, CancellationToken claimToken, CancellationToken processingToken, InboxOptions settings)
    {
        if (moreDue)
        {
            // Another event is ready now: one idle worker takes it, and wakes the next if there is more still. A worker
            // finishing an event needs no wake-up for its key's next one: it claims again at once, and an idle worker
            // that finds nothing due sleeps until the first head falls due.
            signal.Notify();
        }

        Log.Processing(logger, claimed.Id, claimed.EventName, claimed.OrderingKey, claimed.Attempts);
        using var activity = AssistantTelemetry.StartProcessing(claimed.EventName, claimed.TraceParent);
        activity?.SetTag("assistant.inbox.event_id", claimed.Id);
        activity?.SetTag("assistant.inbox.attempt", claimed.Attempts);
        using var leaseLost = CancellationTokenSource.CreateLinkedTokenSource(processingToken);
        var heartbeat = KeepLeaseAsync(claimed.Id, workerId, settings.Lease, leaseLost);
        Exception? failure = null;
        InboxCompletion? completion = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            completion = scope.ServiceProvider.GetService<InboxCompletion>();
            completion?.Begin(claimed.Id, workerId, settings.Lease, claimToken, _claimGate, budget);
            var handler = scope.ServiceProvider.GetKeyedService<IInboxEventHandler>(claimed.Source)
                ?? throw new UnprocessableEventException($"No handler for source '{claimed.Source}'.");
            try
            {
                await handler.HandleAsync(claimed, leaseLost.Token);
            }
            finally
            {
                completion?.ReleaseClaimGate();
            }
        }
        catch (OperationCanceledException) when (processingToken.IsCancellationRequested)
        {
            // Interrupted by shutdown: release the event (and one claimed with its completion) at once so another
            // instance takes it over.
            await StopHeartbeatAsync(leaseLost, heartbeat);
            await inbox.RetryLaterAsync(claimed.Id, workerId, clock.GetUtcNow(), "Interrupted by shutdown.", CancellationToken.None);
            if (completion?.NextClaim?.Event is { } next)
            {
                await inbox.DeferAsync(next.Id, workerId, clock.GetUtcNow(), "Released at shutdown.", CancellationToken.None);
            }

            throw;
        }
        catch (Exception ex)
        {
            failure = ex;
            activity?.AddException(ex);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
        }

        await StopHeartbeatAsync(leaseLost, heartbeat);
        if (completion?.CompletedWithClaim is { } held)
        {
            // The handler committed the completion with its own work (InboxCompletion); a failure after that point
            // cannot undo it, so the event is not settled again.
            if (!held)
            {
                Log.LeaseLost(logger, claimed.Id);
            }

            return completion.NextClaim;
        }

        await SettleAsync(claimed, workerId, failure, settings);
        return null;
    }

    private async Task<InboxClaim> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await _claimGate.WaitAsync(cancellationToken);
        try
        {
            return await inbox.ClaimAsync(workerId, lease, cancellationToken);
        }
        finally
        {
            _claimGate.Release();
        }
    }

    /// <summary>
    /// How long an idle worker may sleep: until <paramref name="due"/>, at most the poll interval (a notification
    /// arrives when an event is stored, not when its delay ends, so the worker must time that itself), rounded up to
    /// whole milliseconds: timers round down, and a worker woken a fraction early finds nothing to claim. An event
    /// already due that this worker could not claim (another worker's claim held its row) is tried again after 1 ms.
    /// </summary>
    public static TimeSpan SleepFor(DateTimeOffset? due, DateTimeOffset now, TimeSpan poll)
    {
        if (due is not { } dueAt || dueAt - now >= poll)
        {
            return poll;
        }

        return TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((dueAt - now).TotalMilliseconds)));
    }

    private async Task SettleAsync(InboxEvent claimed, string workerId, Exception? failure, InboxOptions settings)
    {
        // Settling must not be abandoned half-way by shutdown: a processed event left "processing" would run again.
        var token = CancellationToken.None;
        if (failure is null)
        {
            if (!await inbox.CompleteAsync(claimed.Id, workerId, token))
            {
                Log.LeaseLost(logger, claimed.Id);
            }

            return;
        }

        if (failure is EventDeferredException deferred)
        {
            await inbox.DeferAsync(claimed.Id, workerId, clock.GetUtcNow() + deferred.Delay, deferred.Message, token);
            Log.Deferred(logger, claimed.Id, claimed.EventName, deferred.Message, deferred.Delay);
            return;
        }

        var error = $"{failure.GetType().Name}: {failure.Message}";
        if (failure is UnprocessableEventException || claimed.Attempts >= settings.MaxAttempts)
        {
            await inbox.DeadLetterAsync(claimed.Id, workerId, error, token);
            Log.DeadLettered(logger, failure, claimed.Id, claimed.EventName, claimed.Attempts);
            return;
        }

        var delay = RetryBackoff.Delay(claimed.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble());
        await inbox.RetryLaterAsync(claimed.Id, workerId, clock.GetUtcNow() + delay, error, token);
        Log.WillRetry(logger, failure, claimed.Id, claimed.EventName, claimed.Attempts, delay);
    }

    /// <summary>
    /// Renews the claim every third of the lease while the handler runs. A renewal that fails (a database blip) is
    /// retried every tenth of the lease; when the lease is about to run out unrenewed, processing is stopped, since
    /// another worker may then claim the event and a second run would answer the customer twice. Each renewal is
    /// time-boxed to end before that point, whether or not the call honours its cancellation: one that hangs counts
    /// as failed.
    /// </summary>
    private async Task KeepLeaseAsync(long id, string workerId, TimeSpan lease, CancellationTokenSource processing)
    {
        var renewEvery = lease / 3;
        var retryEvery = lease / 10;
        var heldUntil = clock.GetUtcNow() + lease;
        var wait = renewEvery;
        try
        {
            while (true)
            {
                await Task.Delay(wait, clock, processing.Token);
                var attemptedAt = clock.GetUtcNow();
                var timeBox = Min(renewEvery, heldUntil - retryEvery - attemptedAt);
                try
                {
                    if (timeBox <= TimeSpan.Zero)
                    {
                        throw new TimeoutException("No time is left to renew the lease.");
                    }

                    if (!await RenewAsync(id, workerId, lease, timeBox, processing.Token))
                    {
                        Log.LeaseLost(logger, id);
                        await processing.CancelAsync();
                        return;
                    }

                    heldUntil = attemptedAt + lease;
                    wait = renewEvery;
                }
                catch (Exception ex) when (!processing.IsCancellationRequested)
                {
                    Log.HeartbeatFailed(logger, ex, id);
                    if (heldUntil - clock.GetUtcNow() <= retryEvery)
                    {
                        Log.LeaseExpiring(logger, id);
                        await processing.CancelAsync();
                        return;
                    }

                    wait = Min(retryEvery, heldUntil - retryEvery - clock.GetUtcNow());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Processing ended or shutdown began.
        }
    }

    /// <summary>One renewal, given up after <paramref name="timeBox"/> on the clock; a call given up on is told to stop.</summary>
    private async Task<bool> RenewAsync(long id, string workerId, TimeSpan lease, TimeSpan timeBox, CancellationToken processing)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(processing);
        try
        {
            return await leases.ExtendLeaseAsync(id, workerId, lease, attempt.Token).WaitAsync(timeBox, clock, processing);
        }
        catch (TimeoutException)
        {
            await attempt.CancelAsync();
            throw;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task StopHeartbeatAsync(CancellationTokenSource processing, Task heartbeat)
    {
        await processing.CancelAsync();
        await heartbeat;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Processing inbox event {InboxEventId} ({EventName}) of {OrderingKey}, attempt {Attempt}.")]
        public static partial void Processing(ILogger logger, long inboxEventId, string eventName, string orderingKey, int attempt);

        [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Inbox event {InboxEventId} ({EventName}) failed on attempt {Attempt}; retrying in {Delay}.")]
        public static partial void WillRetry(ILogger logger, Exception exception, long inboxEventId, string eventName, int attempt, TimeSpan delay);

        [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Inbox event {InboxEventId} ({EventName}) was dead-lettered after {Attempt} attempt(s); `assistant inbox replay` requeues it.")]
        public static partial void DeadLettered(ILogger logger, Exception exception, long inboxEventId, string eventName, int attempt);

        [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Inbox event {InboxEventId} ({EventName}) deferred for {Delay}: {Reason}")]
        public static partial void Deferred(ILogger logger, long inboxEventId, string eventName, string reason, TimeSpan delay);

        [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Lost the claim on inbox event {InboxEventId}; another worker took it over.")]
        public static partial void LeaseLost(ILogger logger, long inboxEventId);

        [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Could not extend the claim on inbox event {InboxEventId}; retrying.")]
        public static partial void HeartbeatFailed(ILogger logger, Exception exception, long inboxEventId);

        [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "The claim on inbox event {InboxEventId} runs out unrenewed; its processing is stopped so that no other worker runs it at the same time.")]
        public static partial void LeaseExpiring(ILogger logger, long inboxEventId);
    }
}
