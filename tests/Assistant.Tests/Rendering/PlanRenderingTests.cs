using Assistant.Engine.Contract;
using Assistant.Engine.Conversations;
using Assistant.Engine.Prompts;
using Assistant.Engine.Turns;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Rendering;

/// <summary>The plan's replies are rendered for the conversation's channel when the plan is compiled into the steps that are stored (and replayed).</summary>
public sealed class PlanRenderingTests
{
    private static readonly PromptSet Prompts = PromptLoader.Load(RepositoryPaths.Prompts);

    [Fact]
    public void A_plans_replies_are_stored_as_the_messages_of_the_conversations_channel()
    {
        // Arrange: a WhatsApp conversation, whose channel shows markdown literally and turns choices into a list.
        var turn = new TurnContext();
        turn.Begin(ConversationState.New(1, 42) with { Channel = "Channel::Whatsapp" }, new CustomerIdentity("Jane", null, null, null, null), [], ["hi"], "en", inReplyTo: 7);
        turn.Plan.Answer(new TextReply("Your order is **shipped**."));
        turn.Plan.Answer(new ChoicesReply("Anything else?", [new("Track it", "track"), new("No thanks", "no")]));

        // Act
        var steps = PlanCompiler.Compile(turn.Plan, turn, new HandoffOptions(), Prompts);

        // Assert
        Assert.Equal([("text", "Your order is shipped."), ("input_select", "Anything else?")], steps.Select(s => (s.ContentType!, s.Content!)));
        Assert.All(steps, s => Assert.Equal(7, s.ToMessage().ContentAttributes!["in_reply_to"]!.GetValue<long>()));
    }
}
