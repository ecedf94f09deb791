using System.Text.RegularExpressions;

namespace Assistant.Plugins.Actions;

public enum ConfirmationAnswer
{
    None,
    Yes,
    No,
}

/// <summary>The two answers a confirmation question offers, as the customer can send them back.</summary>
/// <param name="YesValue">The choice's value: what Telegram and LINE send back instead of the title.</param>
public sealed record ConfirmationChoices(string YesTitle, string YesValue, string NoTitle, string NoValue);

/// <summary>
/// Reads the customer's own inputs (never the model) for an answer to a confirmation question: the clicked choice (its
/// title on the widget and WhatsApp, its value on Telegram and LINE), its number where choices came as a list, or a
/// clear yes or no in English, Chinese or Vietnamese. Anything else is no answer: the question is not asked twice in
/// the customer's words.
/// </summary>
public static partial class ConfirmationReader
{
    private static readonly HashSet<string> YesWords = new(StringComparer.Ordinal)
    {
        "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "confirmed", "go ahead", "do it", "please do", "yes please",
        "yes do it", "yes go ahead", "yes confirm", "yes please do", "yes thanks", "yes thank you",
        "是", "是的", "好", "好的", "确认", "確認", "对", "對", "可以", "行", "嗯",
        "có", "co", "vâng", "vang", "đồng ý", "dong y", "ừ", "được", "duoc", "ok em", "có ạ", "vâng ạ", "đúng", "dung",
    };

    private static readonly HashSet<string> NoWords = new(StringComparer.Ordinal)
    {
        "no", "n", "nope", "no thanks", "no thank you", "don't", "dont", "do not", "keep it", "no keep it", "never mind", "nevermind",
        "不", "不要", "不用", "算了", "否", "不了", "不用了",
        "không", "khong", "thôi", "thoi", "không ạ", "khong a", "đừng", "dung huy",
    };

    /// <param name="titlesOnly">Only a click or its exact words count (an action already carried out: a double click).</param>
    public static ConfirmationAnswer Read(IReadOnlyList<string> inputs, ConfirmationChoices choices, bool titlesOnly = false)
    {
        // The newest decisive input wins: "yes" then "actually no" is a no.
        for (var i = inputs.Count - 1; i >= 0; i--)
        {
            var answer = ReadOne(inputs[i], choices, titlesOnly);
            if (answer != ConfirmationAnswer.None)
            {
                return answer;
            }
        }

        return ConfirmationAnswer.None;
    }

    private static ConfirmationAnswer ReadOne(string input, ConfirmationChoices choices, bool titlesOnly)
    {
        var text = Normalize(input);
        if (Same(text, choices.YesTitle) || Same(text, choices.YesValue))
        {
            return ConfirmationAnswer.Yes;
        }

        if (Same(text, choices.NoTitle) || Same(text, choices.NoValue))
        {
            return ConfirmationAnswer.No;
        }

        if (titlesOnly)
        {
            return ConfirmationAnswer.None;
        }

        // Choices sent as a numbered list, where the channel has no buttons.
        return text switch
        {
            "1" => ConfirmationAnswer.Yes,
            "2" => ConfirmationAnswer.No,
            _ when YesWords.Contains(text) => ConfirmationAnswer.Yes,
            _ when NoWords.Contains(text) => ConfirmationAnswer.No,
            _ => ConfirmationAnswer.None,
        };
    }

    /// <summary>A title as sent may have been cut for WhatsApp's 20 characters; the customer's copy of it counts.</summary>
    private static bool Same(string text, string title)
    {
        var wanted = Normalize(title);
        return text.Length > 0 && (text == wanted || (text.EndsWith('…') && wanted.StartsWith(text.TrimEnd('…'), StringComparison.Ordinal)));
    }

    private static string Normalize(string text) =>
        Spaces().Replace(Punctuation().Replace(text.Trim().ToLowerInvariant(), " "), " ").Trim();

    [GeneratedRegex(@"[\s]+")]
    private static partial Regex Spaces();

    // Punctuation and emoji around the words; '#' stays (order numbers), as does the ellipsis of a cut title.
    [GeneratedRegex(@"[.,!?;:。，！？、~\p{So}\p{Cs}]+")]
    private static partial Regex Punctuation();
}
