namespace Assistant.Host.Admin;

/// <summary>The <c>/admin</c> report page: off unless <see cref="Token"/> is set.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public const int MinimumTokenLength = 16;

    /// <summary>The bearer token the page asks for (at least 16 characters); unset, the page does not exist.</summary>
    public string? Token { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Token);
}
