using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Actions;

/// <summary>Each bad <c>Actions__*</c> setting stops start-up with its name.</summary>
internal sealed partial class ActionOptionsValidator : IValidateOptions<ActionOptions>
{
    public ValidateOptionsResult Validate(string? name, ActionOptions options)
    {
        var failures = new List<string>();
        foreach (var (setting, mode) in new[] { ("Cancel", options.Cancel), ("Return", options.Return), ("ChangeAddress", options.ChangeAddress) })
        {
            if (!ActionModes.All.Contains(mode))
            {
                failures.Add($"Actions__{setting} must be off, approval or auto (was \"{mode}\").");
            }
        }

        foreach (var (setting, label) in new[] { ("ApproveLabel", options.ApproveLabel), ("RejectLabel", options.RejectLabel) })
        {
            if (string.IsNullOrWhiteSpace(label) || !Label().IsMatch(label))
            {
                failures.Add($"Actions__{setting} must be a Chatwoot label: lowercase letters, digits, '-' and '_' (was \"{label}\").");
            }
        }

        if (string.Equals(options.ApproveLabel, options.RejectLabel, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Actions__ApproveLabel and Actions__RejectLabel must differ.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex Label();
}
