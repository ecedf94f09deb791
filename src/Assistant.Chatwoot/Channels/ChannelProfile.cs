namespace Assistant.Chatwoot.Channels;

/// <summary>What a Chatwoot channel can show (reference/chatwoot.md §3: only the widget renders cards and forms;
/// input_select becomes buttons or lists on WhatsApp, Messenger, Telegram and LINE) and how long one message may be.
/// Markdown: the widget and email render it, and Chatwoot turns it into Telegram's HTML before sending
/// (<c>Channel::Telegram#convert_markdown_to_telegram_html</c>, later <c>Messages::MarkdownRendererService</c>);
/// WhatsApp, Messenger and SMS got it verbatim before 4.x's renderer, so they get plain text.</summary>
public sealed record ChannelProfile(string Name, bool Cards, bool Forms, bool Choices, bool Markdown, int MaxLength)
{
    public static ChannelProfile For(string? channel) => channel switch
    {
        "Channel::WebWidget" => new("the website chat", Cards: true, Forms: true, Choices: true, Markdown: true, MaxLength: 10_000),
        "Channel::Api" => new("the app chat", Cards: true, Forms: true, Choices: true, Markdown: true, MaxLength: 10_000),
        "Channel::Whatsapp" => new("WhatsApp", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 4_096),
        "Channel::FacebookPage" => new("Facebook Messenger", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 2_000),
        "Channel::Telegram" => new("Telegram", Cards: false, Forms: false, Choices: true, Markdown: true, MaxLength: 4_096),
        "Channel::Line" => new("LINE", Cards: false, Forms: false, Choices: true, Markdown: false, MaxLength: 5_000),
        "Channel::Email" => new("email", Cards: false, Forms: false, Choices: false, Markdown: true, MaxLength: 100_000),
        "Channel::Sms" or "Channel::TwilioSms" => new("SMS", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 1_600),
        "Channel::Instagram" => new("Instagram", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 1_000),
        _ => new("chat", Cards: false, Forms: false, Choices: false, Markdown: false, MaxLength: 4_096),
    };
}
