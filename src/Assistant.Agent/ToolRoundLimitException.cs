namespace Assistant.Agent;

/// <summary>The model kept calling tools until the round limit without answering.</summary>
public sealed class ToolRoundLimitException(int rounds) : Exception($"No answer after {rounds} model rounds.");
