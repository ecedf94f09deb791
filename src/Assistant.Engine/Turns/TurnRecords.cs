using Assistant.Engine.Conversations;

namespace Assistant.Engine.Turns;

/// <summary>A customer input not yet answered by any turn.</summary>
public sealed record PendingInput(long Id, long MessageId, string Kind, string? Content, DateTimeOffset RecordedAt);

/// <param name="Purpose">What the turn is for (<see cref="TurnPurpose"/>).</param>
public sealed record TurnRecord(long Id, string State, long LastInputId, long? InReplyTo, string Purpose = TurnPurpose.Answer);

/// <summary>A turn's <c>turns.purpose</c>.</summary>
internal static class TurnPurpose
{
    /// <summary>Answers the customer's inputs up to its last one.</summary>
    public const string Answer = "answer";

    /// <summary>Follows up once on an answer whose question the customer left unanswered (<c>Assistant__FollowUpAfter</c>).</summary>
    public const string FollowUp = "follow_up";

    /// <summary>Closes the conversation after the customer went quiet (<c>Assistant__ResolveAfter</c>).</summary>
    public const string Resolve = "resolve";

    /// <summary>A person approved the conversation's order action with <c>Actions__ApproveLabel</c>.</summary>
    public const string Approve = "approve";

    /// <summary>A person rejected it with <c>Actions__RejectLabel</c>.</summary>
    public const string Reject = "reject";

    public static bool IsDecision(string purpose) => purpose is Approve or Reject;
}

/// <summary>What a due turn starts from, read in one round trip: the conversation, a turn left unfinished, the inputs waiting.</summary>
public sealed record TurnStart(ConversationState? Conversation, TurnRecord? Unfinished, IReadOnlyList<PendingInput> Pending);

public sealed record StoredAction(int Seq, string State, PlannedAction Action, DateTimeOffset? AttemptedAt);

/// <summary>A turn's <c>turns.state</c>.</summary>
internal static class TurnState
{
    public const string Running = "running";
    public const string Planned = "planned";
    public const string Done = "done";
    public const string Skipped = "skipped";
}

/// <summary>A planned step's <c>turn_actions.state</c>: attempted means its call may or may not have reached Chatwoot.</summary>
internal static class StepState
{
    public const string Pending = "pending";
    public const string Attempted = "attempted";
    public const string Done = "done";
    public const string Dropped = "dropped";
}

/// <summary>What a finished turn came to (<c>turns.outcome</c>).</summary>
internal static class TurnOutcome
{
    public const string Answered = "answered";
    public const string HandedOff = "handed_off";
    public const string Resolved = "resolved";
    public const string Silent = "silent";
    public const string NotOwner = "not_owner";

    /// <summary>WhatsApp's 24-hour window had closed and no template was configured: nothing could be sent.</summary>
    public const string OutsideWindow = "outside_window";
}
