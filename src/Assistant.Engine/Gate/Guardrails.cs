using System.Globalization;
using System.Text.RegularExpressions;
using Assistant.Engine.Prompts;
using Assistant.Engine.Rendering;
using YamlDotNet.RepresentationModel;

namespace Assistant.Engine.Gate;

/// <summary>The reply gate's rules, from <c>prompts/guardrails.yaml</c>.</summary>
public sealed record Guardrails(
    IReadOnlyDictionary<string, int> MaxLength,
    int MaxQuestions,
    double NearRepeat,
    bool UnreturnedNumbers,
    bool HandOffOnSecondFailure,
    string Repair,
    IReadOnlyList<BannedPhrase> Banned)
{
    public const string FileName = "guardrails.yaml";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest answer for a Chatwoot channel type (<c>Channel::Whatsapp</c>): the file's <c>max_length</c> for
    /// it, else its <c>default</c>, else the channel table's (<see cref="ChannelProfile.AnswerLength"/>).
    /// </summary>
    public int MaxLengthFor(string? channel) =>
        MaxLength.TryGetValue(ChannelProfile.KeyOf(channel), out var limit) || MaxLength.TryGetValue(Default, out limit)
            ? limit
            : ChannelProfile.For(channel).AnswerLength;

    private const string Default = "default";

    /// <summary>Reads and checks the file; every problem throws a <see cref="PromptException"/> naming the file and the key.</summary>
    public static Guardrails Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new PromptException($"{file} does not exist (the reply gate's rules).");
        }

        YamlMappingNode root;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(file)));
            root = yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode
                ?? throw new PromptException($"{FileName} must be a mapping of settings.");
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PromptException($"{FileName} is not valid YAML: {ex.Message}", ex);
        }

        var maxLength = MaxLengths(root);
        var onFailure = Scalar(root, "on_second_failure");
        if (onFailure is not ("fallback" or "handoff"))
        {
            throw new PromptException($"{FileName}: on_second_failure must be fallback or handoff, not '{onFailure}'.");
        }

        var repair = Scalar(root, "repair");
        if (!repair.Contains("{reasons}", StringComparison.Ordinal))
        {
            throw new PromptException($"{FileName}: repair must contain {{reasons}}.");
        }

        var banned = Child<YamlSequenceNode>(root, "banned").Children.Select(Phrase).ToList();
        return new Guardrails(
            maxLength,
            Number(Child<YamlScalarNode>(root, "max_questions"), "max_questions", 0, 10),
            Fraction(Scalar(root, "near_repeat")),
            Scalar(root, "unreturned_numbers") is "true",
            onFailure == "handoff",
            repair,
            banned);
    }

    /// <summary>
    /// The optional <c>max_length</c> overrides of the channel table's answer lengths, each for a channel the table
    /// names and within what that channel takes in one message.
    /// </summary>
    private static Dictionary<string, int> MaxLengths(YamlMappingNode root)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("max_length"), out var node))
        {
            return [];
        }

        var limits = new Dictionary<string, int>();
        foreach (var (keyNode, value) in (node as YamlMappingNode ?? throw new PromptException($"{FileName}: max_length must map channels to lengths.")).Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!.ToLowerInvariant();
            var channel = ChannelProfile.ChannelTypes.FirstOrDefault(t => ChannelProfile.KeyOf(t) == key);
            if (channel is null && key != Default)
            {
                throw new PromptException($"{FileName}: max_length.{key} names no channel; use default or one of {string.Join(", ", ChannelProfile.ChannelTypes.Select(ChannelProfile.KeyOf))}.");
            }

            limits[key] = Number(value, $"max_length.{key}", 20, channel is null ? 100_000 : ChannelProfile.For(channel).MaxLength);
        }

        return limits;
    }

    private static BannedPhrase Phrase(YamlNode node, int index)
    {
        if (node is not YamlMappingNode entry)
        {
            throw new PromptException($"{FileName}: banned[{index}] must have a pattern and a reason.");
        }

        var pattern = Scalar(entry, "pattern", $"banned[{index}].");
        try
        {
            return new BannedPhrase(new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout), Scalar(entry, "reason", $"banned[{index}]."));
        }
        catch (ArgumentException ex)
        {
            throw new PromptException($"{FileName}: banned[{index}].pattern is not a valid regular expression: {ex.Message}", ex);
        }
    }

    private static T Child<T>(YamlMappingNode node, string key, string prefix = "")
        where T : YamlNode =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is T typed
            ? typed
            : throw new PromptException($"{FileName}: {prefix}{key} is missing or of the wrong kind.");

    private static string Scalar(YamlMappingNode node, string key, string prefix = "") =>
        Child<YamlScalarNode>(node, key, prefix).Value is { Length: > 0 } value ? value.Trim() : throw new PromptException($"{FileName}: {prefix}{key} is empty.");

    private static int Number(YamlNode node, string key, int min, int max) =>
        node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new PromptException($"{FileName}: {key} must be a whole number from {min} to {max}.");

    private static double Fraction(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1
            ? value
            : throw new PromptException($"{FileName}: near_repeat must be a number above 0 and at most 1.");
}

/// <summary>A phrase the assistant must never write, and the reason the model is told.</summary>
public sealed record BannedPhrase(Regex Pattern, string Reason);
