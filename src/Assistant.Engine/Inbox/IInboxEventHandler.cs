using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Engine.Inbox;

/// <summary>
/// Processes the stored events of one source. Throwing schedules a retry; the handler must be idempotent. Each event
/// gets its own DI scope, and the handler is resolved in it by its source (<see cref="InboxHandlerRegistration"/>).
/// </summary>
public interface IInboxEventHandler
{
    Task HandleAsync(InboxEvent inboxEvent, CancellationToken cancellationToken);
}

public static class InboxHandlerRegistration
{
    /// <summary>Registers <typeparamref name="THandler"/> for the events whose source is <paramref name="source"/>, made anew in each event's scope.</summary>
    public static IServiceCollection AddInboxHandler<THandler>(this IServiceCollection services, string source)
        where THandler : class, IInboxEventHandler =>
        services.AddKeyedScoped<IInboxEventHandler, THandler>(source);
}
