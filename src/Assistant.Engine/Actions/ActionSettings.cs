using Microsoft.Extensions.Options;

namespace Assistant.Engine.Actions;

/// <summary>
/// The <c>Actions__*</c> settings one turn works with: the configured ones, or a scenario's own (<c>assistant eval</c>
/// plays scenarios for each policy without restarting). Scoped to the turn, so a setting changed mid-turn cannot
/// propose under one policy and confirm under another within it.
/// </summary>
public sealed class ActionSettings(IOptionsMonitor<ActionOptions> options)
{
    public ActionOptions Current { get => field ??= options.CurrentValue; private set; }

    public void Use(ActionOptions settings) => Current = settings;
}
