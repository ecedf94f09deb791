using Assistant.Transport;
using Microsoft.Extensions.Options;

namespace Assistant.Engine.Turns;

/// <summary>The endpoint carries the model's API key: https only, unless <c>Llm__AllowPlainHttp</c> admits a local server.</summary>
internal sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options) =>
        options.Endpoint is { } endpoint && SecureTransport.Problem(endpoint, "Llm__Endpoint", options.AllowPlainHttp, "Llm__AllowPlainHttp") is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
}
