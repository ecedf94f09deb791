namespace Assistant.Engine.Contract;

/// <summary>
/// What a turn will do, collected while the agent runs and carried out only afterwards, so that a retried turn
/// resumes it rather than asking the model again, and a handoff replaces any answer written in the same turn.
/// </summary>
public sealed class TurnPlan
{
    private readonly List<Reply> _answers = [];
    private readonly List<string> _teamNotes = [];

    /// <summary>What the customer is shown, in order, before it takes the channel's shape.</summary>
    public IReadOnlyList<Reply> Answers => _answers;

    public HandoffRequest? Handoff { get; private set; }

    public bool Resolve { get; private set; }

    /// <summary>The question that asks the customer to confirm an order action: sent last, after the answers, and dropped by a handoff.</summary>
    public ChoicesReply? Confirmation { get; private set; }

    /// <summary>Private notes for the team (what an order action did), posted before the answers.</summary>
    public IReadOnlyList<string> TeamNotes => _teamNotes;

    public void Answer(Reply reply) => _answers.Add(reply);

    public void NoteForTeam(string note) => _teamNotes.Add(note);

    /// <summary>Only the newest question counts: the pending action it belongs to supersedes any earlier one.</summary>
    public void AskToConfirm(ChoicesReply question) => Confirmation = question;

    /// <summary>The first handoff of a turn wins; asking twice changes nothing.</summary>
    public void HandOff(HandoffRequest request) => Handoff ??= request;

    public void ResolveConversation() => Resolve = true;

    /// <summary>Forgets a failed attempt's partial plan before another responder takes over.</summary>
    public void Clear()
    {
        _answers.Clear();
        Handoff = null;
        Resolve = false;
        Confirmation = null;
        _teamNotes.Clear();
    }
}
