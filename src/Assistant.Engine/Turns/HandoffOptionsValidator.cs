using Assistant.Chatwoot;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>Choosing an online agent reads team members, which only a user token may.</summary>
internal sealed class HandoffOptionsValidator(IOptionsMonitor<ChatwootOptions> chatwoot) : IValidateOptions<HandoffOptions>
{
    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        if (options.AssignAvailableAgent && string.IsNullOrWhiteSpace(chatwoot.CurrentValue.UserToken))
        {
            return ValidateOptionsResult.Fail("Handoff__AssignAvailableAgent reads team members' availability and needs Chatwoot__UserToken.");
        }

        var unrouted = options.Routes.Select((r, i) => (r, i)).Where(p => p.r.TeamId <= 0 || (p.r.Reason is null && p.r.Language is null)).ToList();
        return unrouted.Count > 0
            ? ValidateOptionsResult.Fail($"Handoff__Routes__{unrouted[0].i} needs a TeamId and a Reason, a Language or both.")
            : ValidateOptionsResult.Success;
    }
}
