using System.Text;

namespace Assistant.Bench;

/// <summary>
/// A help centre of real size: the shipped articles plus shipping, care and size-guide articles in English, Simplified
/// Chinese and Vietnamese, twelve sections each, about 2,000 passages in all. Same seed, same articles.
/// </summary>
public static class SyntheticArticles
{
    private static readonly (string En, string Zh, string Vi)[] Countries =
    [
        ("Germany", "德国", "Đức"), ("France", "法国", "Pháp"), ("Vietnam", "越南", "Việt Nam"), ("China", "中国", "Trung Quốc"),
        ("Japan", "日本", "Nhật Bản"), ("Canada", "加拿大", "Canada"), ("Australia", "澳大利亚", "Úc"), ("Spain", "西班牙", "Tây Ban Nha"),
        ("Italy", "意大利", "Ý"), ("Netherlands", "荷兰", "Hà Lan"), ("Singapore", "新加坡", "Singapore"), ("Thailand", "泰国", "Thái Lan"),
        ("Korea", "韩国", "Hàn Quốc"), ("Sweden", "瑞典", "Thụy Điển"), ("Poland", "波兰", "Ba Lan"), ("Austria", "奥地利", "Áo"),
        ("Belgium", "比利时", "Bỉ"), ("Ireland", "爱尔兰", "Ireland"), ("Norway", "挪威", "Na Uy"), ("Switzerland", "瑞士", "Thụy Sĩ"),
        ("Mexico", "墨西哥", "Mexico"), ("Brazil", "巴西", "Brazil"),
    ];

    private static readonly (string En, string Zh, string Vi)[] Subjects =
    [
        ("wool", "羊毛", "len"), ("cashmere", "羊绒", "cashmere"), ("silk", "真丝", "lụa"), ("leather", "真皮", "da"),
        ("linen", "亚麻", "vải lanh"), ("cotton", "棉", "cotton"), ("down", "羽绒", "lông vũ"), ("denim", "牛仔布", "vải bò"),
        ("stoneware", "粗陶", "gốm"), ("cast iron", "铸铁", "gang"), ("oak", "橡木", "gỗ sồi"), ("brass", "黄铜", "đồng thau"),
        ("jackets", "夹克", "áo khoác"), ("shoes", "鞋子", "giày"), ("boots", "靴子", "bốt"), ("dresses", "连衣裙", "váy"),
        ("trousers", "长裤", "quần dài"), ("gloves", "手套", "găng tay"), ("hats", "帽子", "mũ"), ("socks", "袜子", "tất"),
        ("bags", "包", "túi"),
    ];

    private static readonly string[] FillerEn =
    [
        "customers", "parcel", "delivery", "working", "days", "tracking", "number", "email", "refund", "exchange", "label",
        "courier", "customs", "duties", "taxes", "address", "signature", "weekend", "holiday", "warehouse", "order", "invoice",
        "payment", "card", "voucher", "discount", "warranty", "repair", "stain", "wash", "cold", "water", "dry", "flat", "iron",
        "steam", "brush", "store", "sunlight", "moisture", "size", "chest", "waist", "length", "fit", "measure", "centimetres",
    ];

    private static readonly string[] FillerZh = ["包裹", "快递", "工作日", "运单号", "邮件", "退款", "换货", "标签", "海关", "关税", "地址", "签收", "周末", "仓库", "订单", "发票", "付款", "优惠券", "保修", "维修", "污渍", "冷水", "晾干", "熨烫", "尺码", "胸围", "腰围", "长度"];

    private static readonly string[] FillerVi = ["khách hàng", "bưu kiện", "giao hàng", "ngày làm việc", "mã vận đơn", "hoàn tiền", "đổi hàng", "nhãn", "hải quan", "thuế", "địa chỉ", "chữ ký", "cuối tuần", "kho", "đơn hàng", "hóa đơn", "thanh toán", "phiếu giảm giá", "bảo hành", "sửa chữa", "vết bẩn", "nước lạnh", "phơi khô", "ủi", "kích cỡ", "vòng ngực", "vòng eo", "chiều dài"];

    /// <summary>Writes the articles under <paramref name="folder"/> as the service reads them (<c>Knowledge__Path</c>).</summary>
    public static int Write(string folder, string shipped)
    {
        var random = new Random(20261207);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(shipped, "*.md", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            count++;
        }

        foreach (var locale in new[] { "en", "zh-CN", "vi" })
        {
            Directory.CreateDirectory(Path.Combine(folder, locale));
            foreach (var (country, i) in Countries.Select((c, i) => (c, i)))
            {
                var name = Pick(locale, country);
                Write(folder, locale, $"shipping-{i}", Title(locale, "shipping", name), name, random);
                count++;
            }

            foreach (var (subject, i) in Subjects.Select((s, i) => (s, i)))
            {
                var name = Pick(locale, subject);
                Write(folder, locale, $"care-{i}", Title(locale, "care", name), name, random);
                Write(folder, locale, $"sizes-{i}", Title(locale, "sizes", name), name, random);
                count += 2;
            }
        }

        return count;
    }

    private static void Write(string folder, string locale, string slug, string title, string subject, Random random)
    {
        var text = new StringBuilder($"---\ntitle: {title}\nlocale: {locale}\nurl: https://shop.example.com/help/{locale}/{slug}\n---\n\n");
        for (var section = 1; section <= 12; section++)
        {
            text.Append(locale == "en" ? $"## {subject}: part {section}\n\n" : $"## {subject} {section}\n\n");
            for (var sentence = 0; sentence < 6; sentence++)
            {
                text.Append(Sentence(locale, subject, random)).Append(locale == "zh-CN" ? "" : " ");
            }

            text.Append("\n\n");
        }

        File.WriteAllText(Path.Combine(folder, locale, slug + ".md"), text.ToString());
    }

    private static string Sentence(string locale, string subject, Random random)
    {
        var filler = locale switch { "en" => FillerEn, "zh-CN" => FillerZh, _ => FillerVi };
        string Word() => filler[random.Next(filler.Length)];
        return locale switch
        {
            "en" => $"For {subject}, the {Word()} and the {Word()} take {random.Next(1, 10)} {Word()} before the {Word()} is ready.",
            "zh-CN" => $"关于{subject}，{Word()}和{Word()}需要{random.Next(1, 10)}天，然后{Word()}才会准备好。",
            _ => $"Với {subject}, {Word()} và {Word()} cần {random.Next(1, 10)} ngày trước khi {Word()} sẵn sàng.",
        };
    }

    private static string Title(string locale, string topic, string name) => (locale, topic) switch
    {
        ("en", "shipping") => $"Shipping to {name}",
        ("en", "care") => $"Caring for {name}",
        ("en", _) => $"Size guide: {name}",
        ("zh-CN", "shipping") => $"寄往{name}",
        ("zh-CN", "care") => $"{name}护理",
        ("zh-CN", _) => $"{name}尺码指南",
        (_, "shipping") => $"Giao hàng đến {name}",
        (_, "care") => $"Bảo quản {name}",
        _ => $"Bảng kích cỡ {name}",
    };

    private static string Pick(string locale, (string En, string Zh, string Vi) text) => locale switch { "en" => text.En, "zh-CN" => text.Zh, _ => text.Vi };
}
