using Assistant.Stores.Postgres;
using Assistant.Tests.Stores;

namespace Assistant.Tests.Actions;

/// <summary>Order actions against a platform's fake shop filled with the demo store: Jane asks, confirms by click, and the fake records the writes.</summary>
public abstract class PlatformActionTestBase : OrderActionTestBase
{
    /// <summary>Fills the platform's fake from the demo store.</summary>
    protected abstract void Fill(DemoShop shop);

    /// <summary>The settings that point the service at the platform's fake.</summary>
    protected abstract void Connect(Dictionary<string, string?> settings);

    protected override async Task ArrangeAsync()
    {
        await base.ArrangeAsync();
        Fill(await DemoShop.ReadAsync(new ShopDatabase(Database.DataSource)));
    }

    /// <summary>Jane asks for a change, the model calls <paramref name="tool"/>, and she clicks yes.</summary>
    protected async Task ConfirmAsync(string tool, string arguments, Action<Dictionary<string, string?>>? configure = null)
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall(tool, arguments).ThenText("Please confirm below.");
        await StartWithActionsAsync(configure: s =>
        {
            Connect(s);
            s["Http:MaxRetries"] = "2";
            configure?.Invoke(s);
        });
        await SayAsync(SignedInJane("I need a change to my order"));
        await SettledTurnsAsync();
        await SayAsync(JaneClicks(Choice(0), identifier: "1"));
        await SettledTurnsAsync();
    }
}
