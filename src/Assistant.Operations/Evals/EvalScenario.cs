namespace Assistant.Operations.Evals;

/// <summary>One conversation scenario from <c>prompts/evals/*.yaml</c>.</summary>
public sealed class EvalScenario
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public EvalCustomer Customer { get; set; } = new();

    public List<EvalTurn> Turns { get; set; } = [];

    /// <summary>The order actions the scenario runs with (<c>Actions__*</c>); the configured ones when absent.</summary>
    public EvalActions? Actions { get; set; }
}

/// <summary>A scenario's <c>Actions__*</c>: each action <c>off</c>, <c>approval</c> or <c>auto</c>.</summary>
public sealed class EvalActions
{
    public string Cancel { get; set; } = Engine.Actions.ActionModes.Off;

    public string Return { get; set; } = Engine.Actions.ActionModes.Off;

    public string ChangeAddress { get; set; } = Engine.Actions.ActionModes.Off;

    public int ReturnWindowDays { get; set; } = 30;

    public decimal? AutoMaxTotal { get; set; }

    public Engine.Actions.ActionOptions ToOptions() => new()
    {
        Cancel = Cancel,
        Return = Return,
        ChangeAddress = ChangeAddress,
        ReturnWindowDays = ReturnWindowDays,
        AutoMaxTotal = AutoMaxTotal,
    };
}

public sealed class EvalCustomer
{
    public string Name { get; set; } = "Customer";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Identifier { get; set; }

    /// <summary><c>hmac</c>, <c>phone</c>, <c>email</c>, or empty for an unverified customer.</summary>
    public string? Verified { get; set; }

    /// <summary><c>web</c>, <c>whatsapp</c>, <c>email</c>, <c>sms</c>, <c>telegram</c>, <c>api</c>.</summary>
    public string Channel { get; set; } = "web";

    public string Language { get; set; } = "en";
}

/// <summary>
/// One step of a scenario: the customer says something (<see cref="Say"/>), a person of the team replies
/// (<see cref="Agent"/>: the conversation is theirs and the bot stays silent until <see cref="HandBack"/>), or the
/// customer stays silent and the bot follows up (<see cref="FollowUp"/>).
/// </summary>
public sealed class EvalTurn
{
    public string? Say { get; set; }

    /// <summary>A person's public reply: from then on the customer's messages are the people's (outcome <c>silent</c>).</summary>
    public string? Agent { get; set; }

    /// <summary>Before this step the people give the conversation back to the bot.</summary>
    public bool HandBack { get; set; }

    /// <summary>The customer left the bot's question unanswered for <c>Assistant__FollowUpAfter</c>: the follow-up is written.</summary>
    public bool FollowUp { get; set; }

    /// <summary><c>yes</c> or <c>no</c>: the customer clicks that choice of the bot's last confirmation question.</summary>
    public string? Click { get; set; }

    /// <summary><c>approve</c> or <c>reject</c>: a person of the team adds the approval or rejection label.</summary>
    public string? Decide { get; set; }

    public EvalExpectation Expect { get; set; } = new();

    /// <summary>
    /// What a model that does the right thing answers, round by round: the scripted model CI plays every scenario
    /// against, so that changes to tools, rendering and the access rule are checked on every commit. A real model
    /// (<c>assistant eval</c>) ignores it.
    /// </summary>
    public List<EvalModelStep> Script { get; set; } = [];
}

/// <summary>One model round of a script: a tool call (<see cref="Tool"/> with JSON <see cref="Args"/>) or a final text.</summary>
public sealed class EvalModelStep
{
    public string? Tool { get; set; }

    public string Args { get; set; } = "{}";

    public string? Text { get; set; }
}

public sealed class EvalExpectation
{
    public List<string> ToolsCalled { get; set; } = [];

    public List<string> ToolsNotCalled { get; set; } = [];

    /// <summary><c>answered</c>, <c>handed_off</c>, <c>resolved</c>, or <c>silent</c> while people hold the conversation; any when empty.</summary>
    public string? Outcome { get; set; }

    public List<string> TextContains { get; set; } = [];

    public List<string> TextNotContains { get; set; } = [];

    /// <summary>
    /// The reply gate's verdicts in order, one per answer the model wrote: <c>passed</c>, or a rule the answer broke
    /// (<c>length</c>, <c>questions</c>, <c>banned</c>, <c>repeat</c>, <c>numbers</c>); unchecked when empty.
    /// </summary>
    public List<string> Gate { get; set; } = [];

    /// <summary>The state of the conversation's newest order action after the turn (<c>executed</c>, <c>declined</c>, ...; <c>none</c>).</summary>
    public string? Action { get; set; }

    /// <summary>Chatwoot content types the customer must be sent (<c>form</c>, <c>cards</c>, <c>article</c>, ...), whatever else is sent.</summary>
    public List<string> Sends { get; set; } = [];
}
