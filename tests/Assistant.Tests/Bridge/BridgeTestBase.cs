using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;

namespace Assistant.Tests.Bridge;

/// <summary>The service with the Zendesk bridge on, against fakes of Chatwoot and Zendesk.</summary>
public abstract class BridgeTestBase : ConversationTestBase
{
    protected FakeZendesk Zendesk { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Zendesk = await FakeZendesk.StartAsync();
    }

    protected override ValueTask DisposeExtrasAsync() => Zendesk.DisposeAsync();

    protected async Task StartBridgeAsync(bool echo = false, string coalesce = "00:00:00.200", Action<Dictionary<string, string?>>? configure = null)
    {
        await StartServerAsync(withLlm: false, s =>
        {
            configure?.Invoke(s);
            s["Zendesk:Enabled"] = "true";
            s["Zendesk:BaseUrl"] = Zendesk.BaseUrl.ToString();
            s["Zendesk:AllowPlainHttp"] = "true";
            s["Zendesk:Email"] = "bridge@acme.test";
            s["Zendesk:ApiToken"] = KnownSecrets.ZendeskApiToken;
            s["Zendesk:WebhookSecret"] = FakeZendesk.Secret;
            s["Zendesk:CoalesceWindow"] = coalesce;
        });
        Zendesk.EchoTo = echo ? Server.Http : null;
    }
}
