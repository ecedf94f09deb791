using Assistant.Chatwoot;
using Assistant.Chatwoot.Api;
using Assistant.Engine.Conversations;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assistant.Tests.Turns;

/// <summary>
/// The guard asks Chatwoot, not the state the service last stored: what it answers for each owner Chatwoot reports,
/// whatever the local state says.
/// </summary>
public sealed class OwnershipGuardTests : IAsyncLifetime
{
    private FakeChatwoot _chatwoot = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Chatwoot:BaseUrl"] = _chatwoot.BaseUrl.ToString(),
            ["Chatwoot:AllowPlainHttp"] = "true",
            ["Chatwoot:BotToken"] = FakeChatwoot.BotToken,
            ["Chatwoot:WebhookSecret"] = "secret",
        }).Build();
        _services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddAssistantChatwoot().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _chatwoot.DisposeAsync();
    }

    [Theory]
    [InlineData("pending", null, true)]
    [InlineData("open", 5L, false)]
    [InlineData("resolved", null, false)]
    [InlineData("snoozed", null, false)]
    public async Task Bot_may_speak_only_while_chatwoot_says_the_conversation_is_the_bots(string status, long? assignee, bool botsTurn)
    {
        // Arrange: locally the bot owns the conversation; Chatwoot has moved on.
        var conversation = _chatwoot.AddConversation(1, 42, status);
        conversation.AssigneeId = assignee;
        var guard = Guard();

        // Act
        var mayAnswer = await guard.IsBotsAsync(ConversationState.New(1, 42), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(botsTurn, mayAnswer);
    }

    [Fact]
    public async Task Conversation_chatwoot_no_longer_knows_is_never_answered()
    {
        var guard = Guard();

        var mayAnswer = await guard.IsBotsAsync(ConversationState.New(1, 4040), TestContext.Current.CancellationToken);

        Assert.False(mayAnswer);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("open")]
    public async Task Stop_label_silences_the_bot_whatever_the_status(string status)
    {
        var conversation = _chatwoot.AddConversation(1, 42, status);
        conversation.Labels = ["vip", "No-Bot"];
        var guard = Guard(stopLabel: "no-bot");

        var mayAnswer = await guard.IsBotsAsync(ConversationState.New(1, 42), TestContext.Current.CancellationToken);

        Assert.False(mayAnswer);
    }

    [Fact]
    public async Task Other_labels_leave_a_pending_conversation_to_the_bot()
    {
        var conversation = _chatwoot.AddConversation(1, 42);
        conversation.Labels = ["vip"];

        var mayAnswer = await Guard(stopLabel: "no-bot").IsBotsAsync(ConversationState.New(1, 42), TestContext.Current.CancellationToken);

        Assert.True(mayAnswer);
    }

    private OwnershipGuard Guard(string? stopLabel = null) =>
        new(_services.GetRequiredService<ChatwootClient>(), new StaticOptionsMonitor<HandoffOptions>(new HandoffOptions { StopLabel = stopLabel }));
}
