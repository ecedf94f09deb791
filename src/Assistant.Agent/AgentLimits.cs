using Assistant.Engine.Turns;

namespace Assistant.Agent;

/// <summary>The bounds of one turn with the model (see <see cref="LlmOptions"/>).</summary>
/// <param name="MaxRounds">Model calls in all; the last one is made without tools, so the model must answer.</param>
/// <param name="MaxConsecutiveErrors">Rounds with a failing tool call in a row before the turn gives up.</param>
public sealed record AgentLimits(int MaxRounds, int MaxConsecutiveErrors, int MaxCallsPerRound, int MaxCallsPerTurn)
{
    public static AgentLimits From(LlmOptions options) =>
        new(options.MaxToolRounds, options.MaxConsecutiveToolErrors, options.MaxToolCallsPerRound, options.MaxToolCallsPerTurn);
}
