using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Infrastructure;

/// <summary>
/// The one fixture of the service tests: a fresh database, WireMock.Net fakes of Chatwoot and the OpenAI API, and the
/// service instances a test starts, all disposed in reverse order afterwards. By default the service is started
/// before each test with <see cref="AssistantServer.DefaultSettings"/> as <see cref="Configure"/> changes them, against
/// conversation 1/42; a base that starts its own (per test, several, or as a child process) says so with
/// <see cref="StartsServerBeforeEachTest"/>.
/// </summary>
public abstract class ServiceTestBase : IAsyncLifetime
{
    private readonly List<AssistantServer> _servers = [];

    protected TestDatabase Database { get; private set; } = null!;

    protected FakeChatwoot Chatwoot { get; private set; } = null!;

    protected FakeOpenAI OpenAI { get; private set; } = null!;

    /// <summary>The service instance started last.</summary>
    protected AssistantServer Server => _servers.Count > 0 ? _servers[^1] : throw new InvalidOperationException("No service was started.");

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected virtual bool StartsServerBeforeEachTest => true;

    public virtual async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Chatwoot = await FakeChatwoot.StartAsync();
        OpenAI = await FakeOpenAI.StartAsync();
        await ArrangeAsync();
        if (StartsServerBeforeEachTest)
        {
            Chatwoot.AddConversation(1, 42);
            var settings = DefaultSettings();
            Configure(settings);
            await StartServerAsync(settings);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        for (var i = _servers.Count - 1; i >= 0; i--)
        {
            await _servers[i].DisposeAsync();
        }

        await DisposeExtrasAsync();
        await OpenAI.DisposeAsync();
        await Chatwoot.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The service's settings against this fixture's database and Chatwoot.</summary>
    protected Dictionary<string, string?> DefaultSettings() => AssistantServer.DefaultSettings(Database, Chatwoot.BaseUrl);

    /// <summary>Starts an instance of the service in-process; it is disposed with the fixture.</summary>
    protected async Task<AssistantServer> StartServerAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var server = await AssistantServer.StartAsync(settings, services);
        _servers.Add(server);
        return server;
    }

    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    /// <summary>What the fixture holds before the service starts: seeded data, scripted fakes.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    /// <summary>Arranges the settings of the service started before each test (a null value removes one).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual ValueTask DisposeExtrasAsync() => ValueTask.CompletedTask;
}
