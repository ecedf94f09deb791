namespace Assistant.Engine.Prompts;

/// <summary>
/// The language a customer wrote in, for the languages the locales cover: Han script is Chinese, Vietnamese's
/// letters and tone marks (ă â đ ê ô ơ ư, ạ ả ấ …) are Vietnamese, and so is Vietnamese typed without them (common
/// on phones: "toi muon hoi ve don hang"), told by its words; other plain Latin words are English. Too little text to
/// tell ("ok", "1042") says nothing, and the conversation's configured language stands.
/// </summary>
internal static class LanguageDetector
{
    /// <summary>
    /// Common Vietnamese words as typed without accents, leaving out those English also has ("do", "the", "on"):
    /// two of them, making up at least a third of the words, read as Vietnamese.
    /// </summary>
    private static readonly HashSet<string> UnaccentedVietnamese = new(StringComparer.Ordinal)
    {
        "toi", "ban", "cua", "khong", "ko", "duoc", "dc", "muon", "hoi", "don", "hang", "nhung", "nhu", "chua", "roi",
        "nhe", "giup", "voi", "mot", "nay", "gi", "sao", "dau", "bao", "lau", "nhieu", "tien", "hong", "huy", "doi",
        "tra", "cam", "chao", "xin", "vay", "oi", "mua", "giao", "cho", "anh", "chi", "em", "va", "ve", "la", "cac",
        "nhan", "vien", "thanh", "toan", "phi", "van", "chuyen", "khi", "nao", "minh", "shop", "ak", "nha", "ha",
        "nguoi", "thi", "dung", "den", "di", "lam", "them", "biet", "can", "hay", "qua", "ngay", "gui", "sach",
    };

    private const int MinHanCharacters = 2;
    private const int MinLatinLetters = 4;

    public static string? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        int han = 0, vietnamese = 0, latin = 0;
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormC))
        {
            if (c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF'))
            {
                han++;
            }
            else if (IsVietnamese(c))
            {
                vietnamese++;
            }
            else if (char.IsAsciiLetter(c))
            {
                latin++;
            }
        }

        return han >= MinHanCharacters && han * 2 >= latin ? "zh-CN"
            : vietnamese > 0 || ReadsAsUnaccentedVietnamese(text) ? "vi"
            : latin >= MinLatinLetters && han == 0 ? "en"
            : null;
    }

    private static bool ReadsAsUnaccentedVietnamese(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '?', '!', ';', ':', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.All(char.IsAsciiLetter)).ToList();
        var vietnamese = words.Where(UnaccentedVietnamese.Contains).ToList();
        return vietnamese.Distinct().Count() >= 2 && vietnamese.Count * 3 >= words.Count;
    }

    /// <summary>
    /// Letters only Vietnamese uses among the languages served: đ, ă, ơ, ư, and vowels with its tone marks (the Latin
    /// Extended Additional block: ạ ả ấ ề ộ …). Bare â ê ô are left out: French and Portuguese have them too.
    /// </summary>
    private static bool IsVietnamese(char c) =>
        char.ToLowerInvariant(c) is 'đ' or 'ă' or 'ơ' or 'ư' or (>= '\u1EA0' and <= '\u1EF9');
}
