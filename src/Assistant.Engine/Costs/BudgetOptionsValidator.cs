using Microsoft.Extensions.Options;

namespace Assistant.Engine.Costs;

/// <summary>A budget day needs a time zone this machine knows; a typo must stop start-up, not shift every budget.</summary>
internal sealed class BudgetOptionsValidator : IValidateOptions<BudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, BudgetOptions options) =>
        options.DayTimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? ValidateOptionsResult.Fail($"Budget__DayTimeZone '{zone}' is not a time zone this machine knows (use an IANA id such as Europe/Berlin).")
            : ValidateOptionsResult.Success;
}
