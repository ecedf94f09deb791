using Assistant.Chatwoot;
using Assistant.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Hours;

/// <summary>A typo in the hours must stop start-up, not make every handoff promise the wrong time.</summary>
internal sealed class BusinessHoursOptionsValidator(IOptionsMonitor<ChatwootOptions> chatwoot) : IValidateOptions<BusinessHoursOptions>
{
    public ValidateOptionsResult Validate(string? name, BusinessHoursOptions options)
    {
        switch (options.Source.Trim().ToLowerInvariant())
        {
            case "" or "none":
                return ValidateOptionsResult.Success;
            case "chatwoot":
                return string.IsNullOrWhiteSpace(chatwoot.CurrentValue.UserToken)
                    ? ValidateOptionsResult.Fail("BusinessHours__Source=chatwoot reads inbox settings and needs Chatwoot__UserToken.")
                    : ValidateOptionsResult.Success;
            case "config":
                try
                {
                    BusinessHoursParser.FromOptions(options);
                    return ValidateOptionsResult.Success;
                }
                catch (ConfigurationException ex)
                {
                    return ValidateOptionsResult.Fail(ex.Message);
                }

            default:
                return ValidateOptionsResult.Fail($"BusinessHours__Source must be none, config or chatwoot, not '{options.Source}'.");
        }
    }
}
