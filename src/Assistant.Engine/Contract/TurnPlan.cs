using Assistant.Chatwoot.Api;

namespace Assistant.Engine.Contract;

/// <summary>
/// What a turn will do, collected while the agent runs and carried out only afterwards, so that a retried turn
/// resumes it rather than asking the model again, and a handoff replaces any answer written in the same turn.
/// </summary>
public sealed class TurnPlan
{
    private readonly List<OutgoingMessage> _answers = [];

    public IReadOnlyList<OutgoingMessage> Answers => _answers;

    public HandoffRequest? Handoff { get; private set; }

    public bool Resolve { get; private set; }

    public void Answer(OutgoingMessage message) => _answers.Add(message);

    /// <summary>The first handoff of a turn wins; asking twice changes nothing.</summary>
    public void HandOff(HandoffRequest request) => Handoff ??= request;

    public void ResolveConversation() => Resolve = true;

    /// <summary>Forgets a failed attempt's partial plan before another responder takes over.</summary>
    public void Clear()
    {
        _answers.Clear();
        Handoff = null;
        Resolve = false;
    }
}
