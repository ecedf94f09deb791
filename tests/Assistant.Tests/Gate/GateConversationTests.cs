using System.Text.Json;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Dapper;

namespace Assistant.Tests.Gate;

/// <summary>The reply gate in the running service: repair, fallback, handoff, and what the turn records.</summary>
public sealed class GateConversationTests : ConversationTestBase
{
    private string? _prompts;

    [Fact]
    public async Task An_invented_tracking_number_is_repaired_before_anything_is_sent_and_both_verdicts_are_recorded()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1043"}""")
            .ThenText("Order 1043 ships with UPS, tracking 1Z999AA10123456784.")
            .ThenText("Order 1043 has not shipped yet, so it has no tracking number so far.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(VerifiedJane("Tracking for order 1043?"));
        var turns = await SettledTurnsAsync();

        // Assert
        Assert.Equal(["answered"], turns);
        var posted = Assert.Single(Posted());
        Assert.Equal("Order 1043 has not shipped yet, so it has no tracking number so far.", posted.GetProperty("content").GetString());
        var repair = OpenAI.Completions[^1];
        Assert.False(repair.TryGetProperty("tools", out _));
        var instruction = repair.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString();
        Assert.Contains("was not sent to the customer because it mentions", instruction);
        var (gate, calls) = await RecordedAsync();
        Assert.Equal([false, true], gate.EnumerateArray().Select(v => v.GetProperty("passed").GetBoolean()));
        Assert.Equal("numbers", gate[0].GetProperty("failures")[0].GetProperty("rule").GetString());
        var (name, arguments, result) = Assert.Single(calls);
        Assert.Equal("Orders_GetOrder", name);
        Assert.Contains("1043", arguments);
        Assert.Contains("1043", result);
    }

    [Fact]
    public async Task A_second_failure_sends_the_customers_language_fallback()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("您也可以在 Amazon 上买到。").ThenText("在 Amazon 和 eBay 上都有。");
        await StartServerAsync(withLlm: true);

        await SayAsync(VerifiedJane("我可以在别的网站买你们的鞋吗？"));
        await SettledTurnsAsync();

        var posted = Assert.Single(Posted());
        Assert.StartsWith("抱歉，这个问题我在这里没法给您一个好的答复", posted.GetProperty("content").GetString());
        Assert.DoesNotContain("Amazon", posted.GetRawText());
    }

    [Fact]
    public async Task A_second_failure_hands_off_when_the_guardrails_say_so()
    {
        var conversation = Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("We guarantee it fits.").ThenText("It is guaranteed to fit.");
        _prompts = CopyPromptsWith(s => s.Replace("on_second_failure: fallback", "on_second_failure: handoff", StringComparison.Ordinal));
        await StartServerAsync(withLlm: true, settings => settings["Assistant:PromptsPath"] = _prompts);

        await SayAsync(VerifiedJane("Will the size 42 boots fit me?"));
        var turns = await SettledTurnsAsync();

        Assert.Equal(["handed_off"], turns);
        Assert.Contains("failed the reply gate twice", Posted()[0].GetProperty("content").GetString());
        Assert.Equal("open", conversation.Status);
        Assert.DoesNotContain(Posted(), m => m.GetProperty("content").GetString()!.Contains("guarantee", StringComparison.OrdinalIgnoreCase) && !m.GetProperty("private").GetBoolean());
    }

    [Fact]
    public async Task Choices_the_model_writes_pass_the_same_gate_and_a_failing_set_is_not_shown()
    {
        // Arrange: the model offers a promise and a made-up order as buttons, then answers in words.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_OfferChoices", """{"question":"What should we do?","choices":["Refund guaranteed","Order 9999"]}""")
            .ThenText("A colleague can help with refunds.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(VerifiedJane("My jacket is broken"));
        await SettledTurnsAsync();

        // Assert: no buttons went out, and the model was told why.
        Assert.DoesNotContain(Posted(), m => ContentType(m) == "input_select");
        var result = ToolMessage(OpenAI.Completions[^1]);
        Assert.Contains("Not shown", result, StringComparison.Ordinal);
        Assert.Contains("guarantee", result, StringComparison.Ordinal);
        Assert.Contains("9999", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_to_a_site_no_tool_returned_is_repaired_before_it_is_sent()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("You can pay the customs fee at https://acme-customs.example/pay.")
            .ThenText("A colleague will tell you how to pay the customs fee.");
        await StartServerAsync(withLlm: true);

        await SayAsync(VerifiedJane("How do I pay the customs fee?"));
        await SettledTurnsAsync();

        var posted = Assert.Single(Posted());
        Assert.Equal("A colleague will tell you how to pay the customs fee.", posted.GetProperty("content").GetString());
        Assert.Contains("links to https://acme-customs.example/pay", ToolOrSystem(OpenAI.Completions[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correct_answer_too_long_for_whatsapp_twice_still_goes_out()
    {
        // Arrange: the model answers from the order it read, twice at more than WhatsApp's 700 characters.
        Chatwoot.AddConversation(1, 42);
        var answer = "Your order 1042 has shipped with DHL, tracking number JD014600006611. " + string.Concat(Enumerable.Repeat("It is on its way to you and moving through the network as planned. ", 12));
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""").ThenText(answer).ThenText(answer + " Anything else?");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("where is my order 1042?")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(77, "Jane Doe", phone: "+4915112345678")));
        await SettledTurnsAsync();

        // Assert: the answer went out, not a request to rephrase.
        var sent = string.Join("\n", Posted().Select(m => m.GetProperty("content").GetString()));
        Assert.Contains("JD014600006611", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("put it another way", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_two_unsafe_answers_the_order_the_tools_found_is_sent_as_the_store_has_it()
    {
        // Arrange: both answers invent a delivery date; the tool had found the order.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""")
            .ThenText("Order 1042 will arrive by tomorrow.")
            .ThenText("It will be delivered by Friday, guaranteed.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(VerifiedJane("Where is my order 1042?"));
        await SettledTurnsAsync();

        // Assert
        var sent = string.Join("\n", Posted().Select(m => m.GetRawText()));
        Assert.Contains("Order #1042", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("put it another way", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("guaranteed", sent, StringComparison.Ordinal);
    }

    private static string ToolOrSystem(JsonElement completion) =>
        completion.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString()!;

    private async Task<(JsonElement Gate, List<(string Name, string Arguments, string Result)> Calls)> RecordedAsync()
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync(Token);
        var gate = await connection.QuerySingleAsync<string>("SELECT gate::text FROM turns WHERE conversation_id = 42 ORDER BY id DESC LIMIT 1");
        var calls = (await connection.QueryAsync<(string, string, string)>(
            "SELECT c.name, c.arguments::text, c.result FROM turn_tool_calls c JOIN turns t ON t.id = c.turn_id WHERE t.conversation_id = 42 ORDER BY c.seq")).AsList();
        return (JsonDocument.Parse(gate).RootElement, calls);
    }

    private static string CopyPromptsWith(Func<string, string> editGuardrails)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"prompts-{Guid.NewGuid():N}");
        RepositoryPaths.CopyPromptsTo(copy);

        var guardrails = Path.Combine(copy, "guardrails.yaml");
        File.WriteAllText(guardrails, editGuardrails(File.ReadAllText(guardrails)));
        return copy;
    }

    protected override ValueTask DisposeExtrasAsync()
    {
        if (_prompts is not null)
        {
            Directory.Delete(_prompts, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
