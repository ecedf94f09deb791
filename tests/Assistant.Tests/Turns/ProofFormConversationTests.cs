using Assistant.Tests.Builders;

namespace Assistant.Tests.Turns;

/// <summary>
/// An unverified customer asking about an order gets a form on the widget (a question in words elsewhere), and the
/// form's submission proves the order like typed words would.
/// </summary>
public sealed class ProofFormConversationTests : ConversationTestBase
{
    [Theory]
    [InlineData("1042")]
    [InlineData("9999")]
    [InlineData("1050")]
    public async Task A_visitor_whose_pre_chat_email_is_not_the_orders_gets_the_form_whatever_the_order(string number)
    {
        // Arrange: the widget's pre-chat form gave the contact an address that is not on order 1042 (Jane's), 1050
        // (Omar's), nor on the missing 9999.
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent($"where is order {number}?")
            .WithConversation(c => c.WithContact(78, "Visitor", email: "visitor@example.net")));
        await SettledTurnsAsync();

        // Assert: the same form each time, never a bare "not found".
        var reply = Assert.Single(Posted());
        Assert.Equal("form", ContentType(reply));
        Assert.DoesNotContain("couldn't find", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unverified_widget_visitor_gets_a_form_for_the_order_number_and_proof()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":""}""").ThenText("Please fill in the form.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("Where is my order?"));
        await SettledTurnsAsync();

        // Assert: one form with the three fields, and the model told not to ask again.
        var posted = Posted();
        Assert.Equal(["form", "text"], posted.Select(ContentType));
        var form = posted[0];
        Assert.Equal("To look up an order, please send me its number together with the email address or phone number used on the order.",
            form.GetProperty("content").GetString());
        var fields = form.GetProperty("content_attributes").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["order_number", "email", "phone"], fields.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(["text", "email", "text"], fields.Select(f => f.GetProperty("type").GetString()));
        Assert.True(fields[0].GetProperty("required").GetBoolean());
        Assert.Equal("Look up my order", form.GetProperty("content_attributes").GetProperty("button_label").GetString());
        Assert.Contains("sent a form", ToolResult(OpenAI.Completions[1]).GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_number_the_customer_already_gave_is_filled_in_and_a_second_look_up_sends_no_second_form()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""")
            .ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042"}""")
            .ThenText("Please fill in the form.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("What's the status of order 1042?"));
        await SettledTurnsAsync();

        // Assert
        var form = Assert.Single(Posted(), m => ContentType(m) == "form");
        Assert.Equal("1042", form.GetProperty("content_attributes").GetProperty("items")[0].GetProperty("default").GetString());
    }

    [Fact]
    public async Task Submitted_form_proves_the_order_and_the_card_is_shown()
    {
        // Arrange: the form was sent; the visitor fills in the number and the email on the order.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042","email":"jane@example.com"}""").ThenText("Here it is.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("x").AsFormSubmit(("order_number", "1042"), ("email", "jane@example.com"), ("phone", "")));
        var turns = await SettledTurnsAsync();

        // Assert: the submission reached the model as the customer's words, and counted as proof.
        Assert.Equal(["answered"], turns);
        var said = OpenAI.Completions[0].GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "user");
        Assert.Equal("order_number: 1042\nemail: jane@example.com", said.GetProperty("content").GetString());
        Assert.Equal(["cards", "text"], Posted().Select(ContentType));
    }

    [Fact]
    public async Task Submitted_form_with_an_email_not_on_the_order_shows_nothing()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042","email":"mallory@example.com"}""").ThenText("I couldn't find it.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("x").AsFormSubmit(("order_number", "1042"), ("email", "mallory@example.com")));
        await SettledTurnsAsync();

        // Assert
        Assert.False(ToolResult(OpenAI.Completions[1]).GetProperty("shown").GetBoolean());
        Assert.Equal(["text"], Posted().Select(ContentType));
    }

    [Fact]
    public async Task Email_only_the_model_supplies_proves_nothing_when_the_form_gave_none()
    {
        // Arrange: the form came back with the order number alone; the model adds the owner's email itself.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042","email":"jane@example.com"}""").ThenText("Here it is.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("x").AsFormSubmit(("order_number", "1042"), ("email", ""), ("phone", "")));
        await SettledTurnsAsync();

        // Assert
        Assert.False(ToolResult(OpenAI.Completions[1]).GetProperty("shown").GetBoolean());
        Assert.DoesNotContain(Posted(), m => ContentType(m) == "cards");
    }

    [Fact]
    public async Task Email_typed_in_the_form_with_padding_and_capitals_still_proves_the_order()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Replies_ShowOrder", """{"orderNumber":"1042","email":" JANE@Example.com "}""").ThenText("Here it is.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(Visitor("x").AsFormSubmit(("order_number", " 1042 "), ("email", " JANE@Example.com ")));
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(["cards", "text"], Posted().Select(ContentType));
    }

    [Fact]
    public async Task Whatsapp_customer_gets_no_form_and_the_model_asks_in_words()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1042"}""").ThenText("Please send me the email or phone used on order 1042.");
        await StartServerAsync(withLlm: true);

        // Act
        await SayAsync(new MessageWebhookBuilder(42).WithContent("Where is order 1042?")
            .WithConversation(c => c.WithChannel("Channel::Whatsapp").WithContact(81, "Visitor")));
        await SettledTurnsAsync();

        // Assert
        Assert.Equal(["text"], Posted().Select(ContentType));
        Assert.StartsWith("This customer is not verified: ask for", ToolResult(OpenAI.Completions[1]).GetProperty("problem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_mode_sends_the_form_and_answers_its_submission()
    {
        // Arrange
        Chatwoot.AddConversation(1, 42);
        await StartServerAsync(withLlm: false);

        // Act
        await SayAsync(Visitor("where is order 1042?"));
        await SettledTurnsAsync();
        await SayAsync(Visitor("x").AsFormSubmit(("order_number", "1042"), ("email", "jane@example.com"), ("phone", "")));
        await SettledTurnsAsync();

        // Assert
        var posted = Posted();
        Assert.Equal(["form", "cards"], posted.Select(ContentType));
        Assert.Contains("Order #1042", posted[1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
