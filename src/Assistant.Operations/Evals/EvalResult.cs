namespace Assistant.Operations.Evals;

public sealed record EvalTurnResult(int Turn, string Said, string Outcome, IReadOnlyList<string> Tools, string Text, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

public sealed record EvalResult(string Scenario, IReadOnlyList<EvalTurnResult> Turns)
{
    public bool Passed => Turns.All(t => t.Passed);
}
