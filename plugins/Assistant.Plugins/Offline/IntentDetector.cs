using System.Text.RegularExpressions;
using Assistant.Engine.Search;

namespace Assistant.Plugins.Offline;

/// <summary>
/// A deterministic reading of English, Chinese and Vietnamese customer messages: enough to answer order status,
/// tracking, "my orders", product and policy questions without a model, and to recognise a request for a person or
/// for something only a person can do. Vietnamese is read with its accents folded away, since many type it without
/// them on a phone ("toi muon tra hang"). Anything else is Unknown.
/// </summary>
public static partial class IntentDetector
{
    public static Intent Detect(string text)
    {
        var email = Email().Match(text) is { Success: true } e ? e.Value : null;
        var withoutEmail = email is null ? text : text.Replace(email, " ", StringComparison.Ordinal);
        var phone = Phone().Match(withoutEmail) is { Success: true } p ? p.Value.Trim() : null;
        var withoutContacts = phone is null ? withoutEmail : withoutEmail.Replace(phone, " ", StringComparison.Ordinal);
        var orderNumber = OrderNumber().Match(withoutContacts) is { Success: true } o ? o.Groups["number"].Value : null;
        var words = SearchTerms.Fold(withoutContacts);

        var kind = true switch
        {
            _ when Human().IsMatch(words) => IntentKind.Human,
            _ when RequestToAct().IsMatch(words) => IntentKind.Complaint,
            _ when orderNumber is not null && Tracking().IsMatch(words) => IntentKind.Tracking,
            _ when (ActionTopic().IsMatch(words) || InformationTopic().IsMatch(words)) && AsksAbout().IsMatch(words) => IntentKind.Policy,
            // "refund", "return order 1001": a person's business, as long as nothing says it is only a question.
            _ when ActionTopic().IsMatch(words) => IntentKind.Complaint,
            _ when orderNumber is not null => IntentKind.OrderStatus,
            _ when MyOrders().IsMatch(words) => IntentKind.MyOrders,
            _ when Product().IsMatch(words) => IntentKind.Product,
            _ when Goodbye().IsMatch(words) => IntentKind.Goodbye,
            _ when Tracking().IsMatch(words) || OrderWords().IsMatch(words) || Greeting().IsMatch(words) => IntentKind.Help,
            _ => IntentKind.Unknown,
        };
        return new Intent(kind, orderNumber, email, phone);
    }

    // Patterns read the folded text: lower case, Vietnamese without accents (đ as d), Chinese as written.
    [GeneratedRegex(@"\b(human|agent|person|representative|operator|staff|talk to|speak to|real person)\b|人工|客服|真人|转人工|nhan vien|nguoi that|tu van vien|gap nguoi")]
    private static partial Regex Human();

    /// <summary>Asking for what only a person can do (a refund, a return, a cancellation), or a complaint.</summary>
    [GeneratedRegex(@"\b(i (want|need|would like|'d like)( to)? (a )?(refund|return|cancel|exchange|send \w+ back)\w*|(please|pls) (refund|cancel|return)|refund me|cancel my|return my|money back|broken|damaged|defective|complain\w*|furious|angry|unacceptable|wrong (size|item|colou?r|product))\b"
        + @"|我要退|我想退|帮我退|给我退|申请退|要求退|退钱|我要取消|我想取消|帮我取消|取消我的|坏了|损坏|破了|投诉|太差"
        + @"|toi muon (tra|hoan|huy|doi)|cho toi (tra|hoan|huy|doi)|huy don|bi hong|bi vo|khieu nai|hoan tien cho toi|tra lai tien")]
    private static partial Regex RequestToAct();

    /// <summary>Policies about what only a person can do: refunds, returns, exchanges, cancellations.</summary>
    [GeneratedRegex(@"\b(refunds?|returns?|returning|exchanges?|cancel\w*)\b|退款|退货|换货|退换|取消|hoan tien|doi tra|tra hang|doi hang|huy don")]
    private static partial Regex ActionTopic();

    /// <summary>Policies the help articles explain: shipping, delivery, payment, warranty.</summary>
    [GeneratedRegex(@"\b(shipping|delivery|postage|payments?|pay|paypal|warranty|guarantee)\b|运费|配送|发货|付款|支付|保修|phi van chuyen|giao hang|ship|thanh toan|bao hanh")]
    private static partial Regex InformationTopic();

    /// <summary>A question about how things are, not a request: "how do…", "what is your…", "can I…", "是什么", "thế nào".</summary>
    [GeneratedRegex(@"\b(policy|policies|how (do|does|can|long|much|many)|what('s| is| are)|can i|could i|do you (accept|offer|ship|take)|is it possible|is there|are there|within how|terms|rules)\b"
        + @"|政策|规定|怎么|如何|多久|几天|能不能|可以.{0,6}吗|是什么|有什么|支持.{0,8}吗"
        + @"|chinh sach|quy dinh|the nao|nhu the nao|bao lau|bao nhieu|lam sao|duoc .{0,30}khong|duoc khong|ra sao")]
    private static partial Regex AsksAbout();

    [GeneratedRegex(@"\b(track|tracking|shipment|shipping|delivery|delivered|deliver|where is|where's|arrive|courier|parcel|package)\b|物流|快递|到哪|发货|配送|运单|追踪|包裹|van chuyen|giao hang|theo doi|o dau|den dau|khi nao nhan|buu kien")]
    private static partial Regex Tracking();

    [GeneratedRegex(@"\b(my orders|recent orders|order history|all orders|past orders)\b|我的订单|最近的订单|订单列表|历史订单|don hang cua toi|cac don hang|don gan day")]
    private static partial Regex MyOrders();

    [GeneratedRegex(@"\b(order|status|purchase)\b|订单|状态|don hang|trang thai")]
    private static partial Regex OrderWords();

    /// <summary>The common ways of asking for a product: "do you sell …", "is … in stock", "有…吗", "卖不卖", "có … không".</summary>
    [GeneratedRegex(@"\b(do you (have|sell|carry|stock|make)|have you got|looking for|want to buy|like to buy|buy|in stock|available in|recommend|is (the |there )?.{1,40} (in stock|available)|any .{1,30} (in stock|available|left))\b"
        + @"|有没有|有.{1,12}吗|卖不卖|卖.{1,12}吗|想买|要买|有货|推荐|适合送"
        + @"|co ban|co .{1,30} khong|con .{1,30} khong|muon mua|con hang|tim mua|goi y")]
    private static partial Regex Product();

    [GeneratedRegex(@"\b(bye|goodbye|that's all|thats all|that is all|no thanks|thank you|thanks|thx)\b|谢谢|感谢|再见|没事了|cam on|tam biet")]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"^\s*(hi|hello|hey|help|good (morning|afternoon|evening))\b|你好|您好|xin chao|^\s*chao\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s\-().]{7,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![A-Za-z0-9])#?(?<number>[A-Za-z]{0,3}-?\d{3,8})(?!\d)")]
    private static partial Regex OrderNumber();
}
