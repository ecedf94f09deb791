using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Engine.Gate;

/// <summary>
/// Checks one model answer against the guardrails before it may enter the plan: length for the channel, questions,
/// banned phrases, a near-repeat of the bot's previous answer, and numbers (order numbers, prices, tracking numbers)
/// that nothing in the turn supplied.
/// </summary>
public static partial class ReplyGate
{
    public const string Length = "length";
    public const string Questions = "questions";
    public const string Banned = "banned";
    public const string Repeat = "repeat";
    public const string Numbers = "numbers";
    public const string Links = "links";

    /// <summary>
    /// Rules that keep an answer from being sent: a promise, a number or a link nothing supports. The others (length,
    /// questions, repeats) are about style, and never throw a correct answer away.
    /// </summary>
    public static bool IsSafetyRule(string rule) => rule is Banned or Numbers or Links;

    public static GateVerdict Check(string written, GateInput input, Guardrails rules)
    {
        var failures = new List<GateFailure>();
        var limit = rules.MaxLengthFor(input.Channel);
        if (written.Length > limit)
        {
            failures.Add(new(Length, $"is {written.Length} characters long, more than the {limit} this channel allows"));
        }

        // The other rules read the text as a person sees it, so fullwidth letters, other scripts' digits, hidden
        // characters or extra spaces cannot carry a banned phrase or an invented number past them.
        var answer = Canonical(written);
        var facts = input.Facts.Select(Canonical).ToList();

        var questions = QuestionMarks(answer);
        if (questions > rules.MaxQuestions)
        {
            failures.Add(new(Questions, $"asks {questions} questions, more than {rules.MaxQuestions}"));
        }

        failures.AddRange(rules.Banned.Where(b => Matches(b, answer)).Select(b => new GateFailure(Banned, b.Reason)).DistinctBy(f => f.Reason));

        if (input.PreviousAnswer is { } previous && Similarity(answer, Canonical(previous)) >= rules.NearRepeat)
        {
            failures.Add(new(Repeat, "repeats your previous answer almost word for word"));
        }

        if (rules.UnreturnedNumbers && Unsupported(answer, facts) is { Count: > 0 } numbers)
        {
            failures.Add(new(Numbers, $"mentions {string.Join(", ", numbers)}, which no tool returned and the customer did not write"));
        }

        // Always on: a link no tool returned, off the store's own domains, is how an injected prompt phishes customers.
        if (UnreturnedLinks(answer, facts, input.Domains) is { Count: > 0 } links)
        {
            failures.Add(new(Links, $"links to {string.Join(", ", links)}, which no tool returned and which is not the store's site"));
        }

        return new GateVerdict(failures);
    }

    /// <summary>The answer's links (with a scheme, or starting www.) that appear in no fact and whose host is not a store domain.</summary>
    internal static IReadOnlyList<string> UnreturnedLinks(string answer, IReadOnlyList<string> facts, IReadOnlyList<string> domains)
    {
        // Tool results are JSON: a link's & arrives as \u0026, which the model reads, and writes, as &.
        var decoded = facts.Select(f => JsonEscape().Replace(f, m => m.Value == "\\/" ? "/" : ((char)Convert.ToInt32(m.Value[2..], 16)).ToString())).ToList();
        return [.. LinkPattern().Matches(answer)
            .Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}', '>', '"', '\'', '*', '_'))
            .Where(link => !decoded.Any(f => f.Contains(link, StringComparison.Ordinal)))
            .Where(link => !(Uri.TryCreate(link.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + link : link, UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo) && Store.StoreLinks.OnDomains(uri.Host, domains)))
            .Distinct()];
    }

    /// <summary>
    /// NFKC (fullwidth to plain letters and digits), every script's decimal digits as ASCII, format characters
    /// (zero-width spaces and joiners, direction marks) removed, runs of white space as one space.
    /// </summary>
    internal static string Canonical(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Format)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(category == UnicodeCategory.DecimalDigitNumber ? (char)('0' + (int)char.GetNumericValue(c)) : c);
        }

        return builder.ToString();
    }

    /// <summary>Question marks outside links (a URL's query string is not a question).</summary>
    private static int QuestionMarks(string text) => UrlPattern().Replace(text, " ").Count(c => c is '?' or '？');

    private static bool Matches(BannedPhrase phrase, string text)
    {
        try
        {
            return phrase.Pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that cannot decide in time blocks the answer: the repair round costs less than a bad promise.
            return true;
        }
    }

    /// <summary>Word-trigram overlap (Jaccard); short answers count as repeats only when identical.</summary>
    internal static double Similarity(string a, string b)
    {
        var (wordsA, wordsB) = (Words(a), Words(b));
        if (wordsA.Count < 6 || wordsB.Count < 6)
        {
            return wordsA.SequenceEqual(wordsB) && wordsA.Count > 0 ? 1 : 0;
        }

        var (gramsA, gramsB) = (Trigrams(wordsA), Trigrams(wordsB));
        var shared = gramsA.Intersect(gramsB).Count();
        return shared / (double)(gramsA.Count + gramsB.Count - shared);
    }

    /// <summary>
    /// The answer's significant numbers (three digits or more, or with decimals) whose digits appear in no fact. Digits
    /// are compared without separators, so "59.90" matches a tool's 59.9 and "+49 151 1234" a phone number's groups.
    /// </summary>
    internal static IReadOnlyList<string> Unsupported(string answer, IReadOnlyList<string> facts)
    {
        var known = facts.SelectMany(f => NumberPattern().Matches(f)).Select(m => Digits(m.Value)).ToList();
        return [.. NumberPattern().Matches(UrlPattern().Replace(answer, " "))
            .Select(m => m.Value)
            .Where(n => Digits(n).Length >= 3 || n.IndexOfAny(['.', ',']) > 0)
            .Where(n => !known.Any(k => k.Contains(Comparable(n), StringComparison.Ordinal)))
            .Distinct()];
    }

    /// <summary>The digits to look for: a decimal's trailing zeros dropped ("59.90" as 599), unless too little is left.</summary>
    private static string Comparable(string number)
    {
        var digits = Digits(number);
        var trimmed = digits.TrimEnd('0');
        return number.IndexOfAny(['.', ',']) > 0 && trimmed.Length >= 3 ? trimmed : digits;
    }

    private static string Digits(string number) => new([.. number.Where(char.IsAsciiDigit)]);

    private static List<string> Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    private static HashSet<string> Trigrams(List<string> words) =>
        [.. Enumerable.Range(0, words.Count - 2).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}")];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();

    // Any scheme with "//" (a look-alike https://, an app's whatsapp://), script schemes, and www. hosts that
    // channels turn into links by themselves; "Status:shipped" is not a link.
    [GeneratedRegex(@"\b(?:[a-z][a-z0-9+.\-]{1,15}://\S+|(?:javascript|data|vbscript):\S+|www\.[^\s/]+\.\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\\u[0-9a-fA-F]{4}|\\/")]
    private static partial Regex JsonEscape();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}

/// <summary>What an answer is checked against.</summary>
/// <param name="Channel">Chatwoot's channel type.</param>
/// <param name="PreviousAnswer">The bot's last answer in this conversation, if any.</param>
/// <param name="Facts">What the turn may quote numbers and links from: the tools' results and the customer's new messages.</param>
/// <param name="LinkDomains">The store's own domains (<c>Store__LinkDomains</c>), which the model may link to freely.</param>
public sealed record GateInput(string? Channel, string? PreviousAnswer, IReadOnlyList<string> Facts, IReadOnlyList<string>? LinkDomains = null)
{
    public IReadOnlyList<string> Domains => LinkDomains ?? [];
}

public sealed record GateFailure(string Rule, string Reason);

/// <summary>One check of one answer; passed when nothing failed.</summary>
public sealed record GateVerdict(IReadOnlyList<GateFailure> Failures)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>Whether only style rules failed: the answer may still go out (split at the channel's limit when long).</summary>
    public bool OnlyStyle => Failures.All(f => !ReplyGate.IsSafetyRule(f.Rule));

    /// <summary>"is 900 characters long, …; asks 2 questions, …": what the model is told.</summary>
    public string Reasons => string.Join("; ", Failures.Select(f => f.Reason));
}
