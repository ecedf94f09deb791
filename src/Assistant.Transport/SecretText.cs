namespace Assistant.Transport;

/// <summary>
/// Takes credentials out of text a server sent back before it becomes part of an error message: Chatwoot and Zendesk
/// never echo a token, but a proxy's error page or a misconfigured server in front of them may echo the request.
/// </summary>
public static class SecretText
{
    public const string Mask = "[redacted]";

    public static string Redact(string text, IEnumerable<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
