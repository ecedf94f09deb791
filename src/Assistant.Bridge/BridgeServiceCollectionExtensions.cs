using Assistant.Engine.Conversations;
using Assistant.Engine.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Bridge;

public static class BridgeServiceCollectionExtensions
{
    /// <summary>The Zendesk bridge (active only with <c>Zendesk__Enabled=true</c>): ledger, mirror, Zendesk events, reconciler.</summary>
    public static IServiceCollection AddAssistantBridge(this IServiceCollection services)
    {
        services.AddSingleton<BridgeRepository>();
        services.AddSingleton<BridgeIdentity>();
        services.AddSingleton<MirrorScheduler>();
        services.AddSingleton<IConversationMirror>(sp => sp.GetRequiredService<MirrorScheduler>());
        services.AddScoped<ZendeskReconciler>();
        services.AddScoped<ZendeskConversationOpener>();
        services.AddInboxHandler<ZendeskMirror>(MirrorScheduler.Source);
        services.AddInboxHandler<ZendeskEventHandler>(ZendeskEnvelope.Source);
        services.AddSingleton(BridgeHistory.Timeline);
        foreach (var statement in BridgeHistory.Purge)
        {
            services.AddSingleton(statement);
        }

        return services;
    }
}
