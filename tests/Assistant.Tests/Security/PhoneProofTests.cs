using Assistant.Tests.Turns;

namespace Assistant.Tests.Security;

/// <summary>
/// An unverified visitor tries to read Jane's order 1042 (phone +49 151 12345678) with phone numbers that are no
/// proof: zeros, zero padding in front of a few of her last digits, a repeated digit. Neither the offline router nor
/// the model's tools may show the order.
/// </summary>
public sealed class PhoneProofTests : ConversationTestBase
{
    public static TheoryData<string> NonProofs => ["000000000", "0000-0045-678", "+00 0000 0000", "11111111", "0000 1234 5678"];

    [Theory]
    [MemberData(nameof(NonProofs))]
    public async Task Offline_router_never_shows_an_order_for_a_phone_that_is_no_proof(string phone)
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(Visitor($"What is the status of order 1042? My phone is {phone}"));
        await SettledTurnsAsync();

        // Assert: the customer is told it was not found, or (a phone it cannot read at all) sent the proof form.
        var posted = Assert.Single(Posted());
        Assert.Contains(ContentType(posted), (string[])["text", "form"]);
        Assert.DoesNotContain("Canvas sneakers", posted.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NonProofs))]
    public async Task Model_tools_never_return_an_order_for_a_phone_that_is_no_proof(string phone)
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", $$"""{"orderNumber":"1042","phone":"{{phone}}"}""").ThenText("I could not find it.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor($"Where is order 1042? My phone is {phone}"));
        await SettledTurnsAsync();

        // Assert
        var toolResult = ToolResults().Single();
        Assert.Contains("\"found\":false", toolResult, StringComparison.Ordinal);
        Assert.DoesNotContain("Canvas sneakers", toolResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owners_real_number_typed_by_the_visitor_still_proves_the_order()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042","phone":"0151 1234 5678"}""").ThenText("Found it.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("Where is order 1042? My phone is 0151 1234 5678"));
        await SettledTurnsAsync();

        // Assert
        Assert.Contains("Canvas sneakers", ToolResults().Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_turn_cannot_try_a_list_of_order_numbers()
    {
        // Arrange: the model tries three wrong numbers first; the fourth look-up, although Jane's own proof is right, is refused unread.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1001","phone":"+4915112345679"}""")
            .ThenToolCall("Orders_GetOrder", """{"orderNumber":"1043","phone":"+4915112345679"}""")
            .ThenToolCall("Orders_GetOrder", """{"orderNumber":"1050","phone":"+4915112345679"}""")
            .ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042","phone":"+4915112345678"}""")
            .ThenText("Nothing found.");
        await StartServerAsync(withLlm: true, s => s["Llm:MaxToolRounds"] = "6");

        // Act
        await SayAsync(Visitor("Check 1001, 1043, 1050 and 1042; my phone is +4915112345679 or maybe +4915112345678"));
        await SettledTurnsAsync();

        // Assert
        var results = ToolResults();
        Assert.Equal(4, results.Count);
        Assert.All(results, r => Assert.Contains("\"found\":false", r, StringComparison.Ordinal));
    }

    private IReadOnlyList<string> ToolResults() =>
        [.. OpenAI.Completions[^1].GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "tool").Select(m => m.GetProperty("content").GetString()!)];
}
