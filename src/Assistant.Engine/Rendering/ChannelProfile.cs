namespace Assistant.Engine.Rendering;

/// <summary>
/// What a Chatwoot channel can show and how long its messages may be: the one table of channel limits.
/// <para>Capabilities (reference/chatwoot.md §3): only the widget renders cards and forms; input_select becomes buttons
/// or lists on WhatsApp, Messenger, Telegram and LINE. Markdown: the widget and email render it, and Chatwoot turns it
/// into Telegram's HTML before sending (<c>Channel::Telegram#convert_markdown_to_telegram_html</c>, later
/// <c>Messages::MarkdownRendererService</c>); WhatsApp, Messenger and SMS got it verbatim before 4.x's renderer, so
/// they get plain text.</para>
/// </summary>
/// <param name="MaxLength">The longest message the platform takes; longer text is split.</param>
/// <param name="AnswerLength">
/// The longest answer the reply gate lets the model write here (a style limit, well under <paramref name="MaxLength"/>);
/// <c>guardrails.yaml</c>'s <c>max_length</c> may change it.
/// </param>
public sealed record ChannelProfile(string Name, bool Cards, bool Forms, bool Choices, bool Markdown, int MaxLength, int AnswerLength)
{
    private const int Answer = 900;

    public static ChannelProfile For(string? channel) => channel switch
    {
        "Channel::WebWidget" => new("the website chat", Cards: true, Forms: true, Choices: true, Markdown: true, MaxLength: 10_000, AnswerLength: 1_200),
        "Channel::Api" => new("the app chat", Cards: true, Forms: true, Choices: true, Markdown: true, MaxLength: 10_000, AnswerLength: 1_200),
        "Channel::Whatsapp" => new("WhatsApp", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 4_096, AnswerLength: 700),
        "Channel::FacebookPage" => new("Facebook Messenger", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 2_000, Answer),
        "Channel::Telegram" => new("Telegram", Cards: false, Forms: false, Choices: true, Markdown: true, MaxLength: 4_096, Answer),
        "Channel::Line" => new("LINE", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 5_000, Answer),
        "Channel::Email" => new("email", Cards: false, Forms: false, Choices: false, Markdown: true, MaxLength: 100_000, AnswerLength: 3_000),
        "Channel::Sms" or "Channel::TwilioSms" => new("SMS", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 1_600, AnswerLength: 320),
        "Channel::Instagram" => new("Instagram", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 1_000, Answer),
        _ => new("chat", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 4_096, Answer),
    };

    /// <summary>The Chatwoot channel types the table names.</summary>
    public static IReadOnlyList<string> ChannelTypes { get; } =
    [
        "Channel::WebWidget", "Channel::Api", "Channel::Whatsapp", "Channel::FacebookPage", "Channel::Telegram", "Channel::Line",
        "Channel::Email", "Channel::Sms", "Channel::TwilioSms", "Channel::Instagram",
    ];

    /// <summary>A channel type as <c>guardrails.yaml</c> keys it: <c>Channel::Whatsapp</c> is <c>whatsapp</c>.</summary>
    public static string KeyOf(string? channel) => (channel ?? string.Empty).Replace("Channel::", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
}
