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

    [Fact]
    public void An_order_actions_question_goes_last_after_the_team_note_and_answers_and_is_a_numbered_list_on_sms()
    {
        // Arrange: the tool asked its question before the model wrote its sentence.
        var turn = new TurnContext();
        turn.Begin(ConversationState.New(1, 42) with { Channel = "Channel::Sms" }, new CustomerIdentity("Jane", null, null, null, null), [], ["cancel 1043"], "en", inReplyTo: 7);
        turn.Plan.AskToConfirm(new ChoicesReply("Cancel order #1043 (59.00 EUR)?", [new("Yes, cancel #1043", "yes-1"), new("No, leave it", "no-1")]));
        turn.Plan.Answer(new TextReply("I can cancel it for you."));
        turn.Plan.NoteForTeam("for the team");

        // Act
        var steps = PlanCompiler.Compile(turn.Plan, turn, new HandoffOptions(), Prompts);

        // Assert
        Assert.Equal(["for the team", "I can cancel it for you.", "Cancel order #1043 (59.00 EUR)?\n1. Yes, cancel #1043\n2. No, leave it"], steps.Select(s => s.Content!));
        Assert.True(steps[0].Private);
    }

    [Fact]
    public void A_handoff_drops_an_order_actions_question()
    {
        var turn = new TurnContext();
        turn.Begin(ConversationState.New(1, 42), new CustomerIdentity("Jane", null, null, null, null), [], ["cancel 1043"], "en", inReplyTo: 7);
        turn.Plan.AskToConfirm(new ChoicesReply("Cancel order #1043?", [new("Yes, cancel #1043", "yes-1"), new("No, leave it", "no-1")]));
        turn.Plan.HandOff(new HandoffRequest(HandoffReason.CustomerRequest, "wants a person"));

        var steps = PlanCompiler.Compile(turn.Plan, turn, new HandoffOptions(), Prompts);

        Assert.DoesNotContain(steps, s => s.ContentType == "input_select" || s.Content?.Contains("Cancel order", StringComparison.Ordinal) == true);
    }
}
