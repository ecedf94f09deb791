using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>Settings of the conversation's lifecycle that only make sense together, named as environment variables.</summary>
internal sealed partial class AssistantOptionsValidator : IValidateOptions<AssistantOptions>
{
    public ValidateOptionsResult Validate(string? name, AssistantOptions options)
    {
        var failures = new List<string>();
        if (options is { FollowUpAfter: { } followUp, ResolveAfter: { } resolve } && resolve <= followUp)
        {
            failures.Add("Assistant__ResolveAfter must be longer than Assistant__FollowUpAfter: the follow-up comes first.");
        }

        var template = options.WindowTemplate;
        if (string.IsNullOrWhiteSpace(template.Name) != string.IsNullOrWhiteSpace(template.Text))
        {
            failures.Add("Assistant__WindowTemplate__Name and Assistant__WindowTemplate__Text go together: the template's name and what it says.");
        }

        if (!LanguageCode().IsMatch(template.Language ?? string.Empty))
        {
            failures.Add("Assistant__WindowTemplate__Language must be a WhatsApp language code such as en_US.");
        }

        if (template.Category is not ("UTILITY" or "MARKETING"))
        {
            failures.Add("Assistant__WindowTemplate__Category must be UTILITY or MARKETING.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2,3}(_[A-Z]{2})?$")]
    private static partial Regex LanguageCode();
}
