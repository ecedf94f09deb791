using Microsoft.Extensions.Options;

namespace Assistant.Host.Admin;

/// <summary>A short admin token could be guessed; the page stays off rather than open with one.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.Token is { Length: > 0 } token && (token.Length < AdminOptions.MinimumTokenLength || token.Any(char.IsWhiteSpace))
            ? ValidateOptionsResult.Fail($"Admin__Token must be at least {AdminOptions.MinimumTokenLength} characters without spaces (for example: openssl rand -hex 24).")
            : ValidateOptionsResult.Success;
}
