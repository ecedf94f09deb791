using Assistant.Tests.Turns;

namespace Assistant.Tests.Security;

/// <summary>What a customer sends cannot make the model's input, and so the store's bill, grow without bound.</summary>
public sealed class ModelInputBoundsTests : ConversationTestBase
{
    [Fact]
    public async Task A_150000_character_message_reaches_the_model_cut_in_every_round()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_ListRecentOrders", """{"limit":5}""").ThenText("Here you go.");
        await StartServerAsync(withLlm: true);
        var huge = "Where is my order? " + string.Concat(Enumerable.Repeat("please hurry ", 150_000 / 13));

        // Act
        await SayAsync(VerifiedJane(huge));
        await SettledTurnsAsync();

        // Assert
        var bodies = OpenAI.RequestsTo("POST", "/v1/chat/completions").Select(r => r.Body).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, body => Assert.True(body.Length < 20_000, $"a model request of {body.Length} characters"));
        Assert.All(bodies, body => Assert.Contains("Where is my order? please hurry", body, StringComparison.Ordinal));
    }
}
