using YamlDotNet.RepresentationModel;

namespace Assistant.Engine.Prompts;

/// <summary>
/// The customer-facing texts of every language, from <c>prompts/locales/*.yaml</c>. English is the reference: every
/// other locale must define every key English has, so a missing translation fails at start, not in front of a customer.
/// </summary>
public sealed class LocaleCatalog
{
    public const string DefaultLanguage = "en";
    private readonly IReadOnlyDictionary<string, LocaleTexts> _locales;

    private LocaleCatalog(IReadOnlyDictionary<string, LocaleTexts> locales) => _locales = locales;

    public IReadOnlyCollection<string> Languages => [.. _locales.Keys];

    /// <summary>Loads and checks the folder; throws <see cref="PromptException"/> naming the file and key at fault.</summary>
    public static LocaleCatalog Load(string localesFolder)
    {
        if (!Directory.Exists(localesFolder))
        {
            throw new PromptException($"The locales folder {localesFolder} does not exist.");
        }

        var locales = new Dictionary<string, LocaleTexts>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(localesFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var language = Path.GetFileNameWithoutExtension(file);
            locales[language] = new LocaleTexts(language, Flatten(file));
        }

        if (!locales.TryGetValue(DefaultLanguage, out var reference))
        {
            throw new PromptException($"{Path.Combine(localesFolder, "en.yaml")} is missing: English is every other locale's reference.");
        }

        foreach (var locale in locales.Values)
        {
            var missing = reference.All.Keys.Where(k => !locale.All.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count > 0)
            {
                throw new PromptException($"locales/{locale.Language}.yaml lacks {string.Join(", ", missing)}.");
            }
        }

        return new LocaleCatalog(locales);
    }

    /// <summary>The best locale for a language tag: exact (<c>zh-CN</c>), then same language (<c>zh</c> → <c>zh-CN</c>), then English.</summary>
    public LocaleTexts For(string? language)
    {
        if (!string.IsNullOrWhiteSpace(language))
        {
            var tag = language.Trim().Replace('_', '-');
            if (_locales.TryGetValue(tag, out var exact))
            {
                return exact;
            }

            var primary = tag.Split('-')[0];
            var sameLanguage = _locales.Values.FirstOrDefault(l => string.Equals(l.Language.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase));
            if (sameLanguage is not null)
            {
                return sameLanguage;
            }
        }

        return _locales[DefaultLanguage];
    }

    private static Dictionary<string, string> Flatten(string file)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new PromptException($"{file} is not valid YAML: {ex.Message}", ex);
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (yaml.Documents.Count > 0)
        {
            Walk(yaml.Documents[0].RootNode, prefix: null, texts, file);
        }

        return texts;
    }

    private static void Walk(YamlNode node, string? prefix, Dictionary<string, string> texts, string file)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value;
                    Walk(value, prefix is null ? name : $"{prefix}.{name}", texts, file);
                }

                break;
            case YamlScalarNode scalar when prefix is not null:
                texts[prefix] = scalar.Value ?? string.Empty;
                break;
            default:
                throw new PromptException($"{file}: '{prefix}' must be a text or a group of texts.");
        }
    }
}
