using Assistant.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Assistant.Tests.Infrastructure;

/// <summary>The real service on a real port (127.0.0.1, chosen by the OS) against a test database and a fake Chatwoot.</summary>
public sealed class AssistantServer : IAsyncDisposable
{
    public const string WebhookSecret = "webhook-secret-value";
    private bool _stopped;

    private AssistantServer(WebApplication app, CapturedLogs logs)
    {
        App = app;
        Logs = logs;
    }

    public WebApplication App { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => App.Services;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The settings every test host gets; tests change the dictionary (a null value removes a setting).</summary>
    public static Dictionary<string, string?> DefaultSettings(TestDatabase database, Uri chatwootUrl) => new()
    {
        ["ConnectionStrings:Postgres"] = database.ConnectionString,
        ["Chatwoot:BaseUrl"] = chatwootUrl.ToString(),
        ["Chatwoot:AllowPlainHttp"] = "true",
        ["Chatwoot:BotToken"] = FakeChatwoot.BotToken,
        ["Chatwoot:UserToken"] = FakeChatwoot.UserToken,
        ["Chatwoot:WebhookSecret"] = WebhookSecret,
        // The fixture's inbox 3 enforces identity validation and the store trusts it, as earlier tests assume of their
        // signed-in Jane; the security tests remove both to show the default (no trust in Chatwoot's flag).
        ["Chatwoot:TrustHmac"] = "enforced",
        ["Chatwoot:HmacEnforcedInboxes"] = "3",
        ["Inbox:PollInterval"] = "00:00:00.200",
        ["Inbox:RetryBaseDelay"] = "00:00:00.050",
        ["Inbox:RetryMaxDelay"] = "00:00:00.200",
        ["Inbox:ShutdownGrace"] = "00:00:01",
        ["Http:BaseDelay"] = "00:00:00.010",
        ["Serilog:MinimumLevel:Default"] = "Debug",
        // Every library's debug lines too, so the secrets scan sees all a verbose production log could hold (the
        // hosting layer's request lines, which carry query strings, stay held at Warning by the service itself).
        ["Serilog:MinimumLevel:Override:Npgsql"] = "Debug",
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
        ["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Debug",
        ["Assistant:DebounceMs"] = "300",
        ["Assistant:PromptsPath"] = RepositoryPaths.Prompts,
        ["Knowledge:Path"] = RepositoryPaths.Knowledge,
    };

    public static AssistantServer Build(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")
            .Append("--urls=http://127.0.0.1:0")
            .Append("--environment=Testing")
            .ToArray();
        var app = AssistantBuilder.BuildServer(args, builder =>
        {
            builder.Logging.AddProvider(logs);
            services?.Invoke(builder.Services);
        });
        return new AssistantServer(app, logs);
    }

    public static async Task<AssistantServer> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var server = Build(settings, services);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        await App.StartAsync(TestContext.Current.CancellationToken);
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await App.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http?.Dispose();
        await App.DisposeAsync();
    }
}
