using System.ComponentModel.DataAnnotations;

namespace Assistant.Engine.Actions;

/// <summary>
/// <c>Actions__*</c>: which order actions the assistant may carry out and how (design: "Order actions"). Each action is
/// <c>off</c> (handed to people, as before), <c>approval</c> (the customer confirms, a person approves with
/// <see cref="ApproveLabel"/>) or <c>auto</c> (the customer's confirmation carries it out).
/// </summary>
public sealed class ActionOptions
{
    public const string SectionName = "Actions";

    public string Cancel { get; set; } = ActionModes.Off;

    public string Return { get; set; } = ActionModes.Off;

    public string ChangeAddress { get; set; } = ActionModes.Off;

    /// <summary>Orders above this total need a person's approval even where the action is <c>auto</c>; no ceiling when unset.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? AutoMaxTotal { get; set; }

    /// <summary>Days after delivery in which a return may be requested.</summary>
    [Range(0, 365)]
    public int ReturnWindowDays { get; set; } = 30;

    /// <summary>SKUs that cannot be returned (final sale, hygiene), comma-separated.</summary>
    public string? ReturnExcludedSkus { get; set; }

    /// <summary>How long the customer's confirmation is awaited; a later yes carries nothing out.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a confirmed action waits for a person's approval; a later label does nothing and says so.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan ApproveWithin { get; set; } = TimeSpan.FromHours(24);

    public string ApproveLabel { get; set; } = "approve-action";

    public string RejectLabel { get; set; } = "reject-action";

    /// <summary>Whether any action is offered: otherwise the model is not told of the action tools at all.</summary>
    public bool AnyOn => Cancel != ActionModes.Off || Return != ActionModes.Off || ChangeAddress != ActionModes.Off;

    public string ModeOf(string kind) => kind switch
    {
        ActionKinds.Cancel => Cancel,
        ActionKinds.Return => Return,
        ActionKinds.ChangeAddress => ChangeAddress,
        _ => ActionModes.Off,
    };

    public IReadOnlySet<string> ExcludedSkus =>
        (ReturnExcludedSkus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
}

public static class ActionModes
{
    public const string Off = "off";
    public const string Approval = "approval";
    public const string Auto = "auto";

    public static IReadOnlyList<string> All { get; } = [Off, Approval, Auto];
}

/// <summary>The order actions, as stored (<c>order_actions.kind</c>, <c>shop.order_requests.kind</c>).</summary>
public static class ActionKinds
{
    public const string Cancel = "cancel";
    public const string Return = "return";
    public const string ChangeAddress = "change_address";
}
