namespace Assistant.Tests.Infrastructure;

/// <summary>
/// The service on real HTTP against a fresh database and a fake Chatwoot holding conversation 1/42, started before
/// each test with <see cref="AssistantServer.DefaultSettings"/> as <see cref="Configure"/> changes them.
/// </summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected FakeChatwoot Chatwoot { get; private set; } = null!;

    protected AssistantServer Server { get; private set; } = null!;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Chatwoot = await FakeChatwoot.StartAsync();
        Chatwoot.AddConversation(1, 42);
        var settings = AssistantServer.DefaultSettings(Database, Chatwoot.BaseUrl);
        Configure(settings);
        Server = await AssistantServer.StartAsync(settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Chatwoot.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Arranges what the service starts with: its settings (a null value removes one), the fake Chatwoot's conversations.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }
}
