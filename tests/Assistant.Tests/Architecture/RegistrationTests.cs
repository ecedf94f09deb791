using Assistant.Agent;
using Assistant.Bridge;
using Assistant.Chatwoot;
using Assistant.Engine.Storage;
using Assistant.Engine.Turns;
using Assistant.Plugins;
using Assistant.Stores;
using Assistant.Zendesk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Architecture;

/// <summary>Each project's <c>Add…</c> registers its own implementations, so composing the service stays the host's job.</summary>
public sealed class RegistrationTests
{
    public static TheoryData<string, string> Registrations => new()
    {
        { "Assistant.Chatwoot", nameof(ChatwootServiceCollectionExtensions.AddAssistantChatwoot) },
        { "Assistant.Zendesk", nameof(ZendeskServiceCollectionExtensions.AddAssistantZendesk) },
        { "Assistant.Engine", nameof(DataServiceCollectionExtensions.AddAssistantData) },
        { "Assistant.Engine", nameof(TurnServiceCollectionExtensions.AddAssistantTurns) },
        { "Assistant.Agent", nameof(AgentServiceCollectionExtensions.AddAssistantAgent) },
        { "Assistant.Bridge", nameof(BridgeServiceCollectionExtensions.AddAssistantBridge) },
        { "Assistant.Plugins", nameof(PluginServiceCollectionExtensions.AddAssistantPlugins) },
        { "Assistant.Stores", nameof(StoreServiceCollectionExtensions.AddAssistantStore) },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Add_method_registers_only_its_own_projects_implementations(string project, string method)
    {
        var services = new ServiceCollection();

        Register(services, method);

        var foreign = services
            .Select(d => d.IsKeyedService ? d.KeyedImplementationType : d.ImplementationType)
            .OfType<Type>()
            .Where(t => t.Assembly.GetName().Name is { } name && name.StartsWith("Assistant.", StringComparison.Ordinal) && name != project)
            .Select(t => t.FullName)
            .Distinct();
        Assert.Empty(foreign);
        Assert.NotEmpty(services);
    }

    private static void Register(IServiceCollection services, string method)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=localhost;Database=assistant;Username=assistant",
        }).Build();
        _ = method switch
        {
            nameof(ChatwootServiceCollectionExtensions.AddAssistantChatwoot) => services.AddAssistantChatwoot(),
            nameof(ZendeskServiceCollectionExtensions.AddAssistantZendesk) => services.AddAssistantZendesk(),
            nameof(DataServiceCollectionExtensions.AddAssistantData) => services.AddAssistantData(configuration),
            nameof(TurnServiceCollectionExtensions.AddAssistantTurns) => services.AddAssistantTurns(),
            nameof(AgentServiceCollectionExtensions.AddAssistantAgent) => services.AddAssistantAgent(),
            nameof(BridgeServiceCollectionExtensions.AddAssistantBridge) => services.AddAssistantBridge(),
            nameof(PluginServiceCollectionExtensions.AddAssistantPlugins) => services.AddAssistantPlugins(),
            nameof(StoreServiceCollectionExtensions.AddAssistantStore) => services.AddAssistantStore(configuration),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }
}
