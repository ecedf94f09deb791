using System.Text.RegularExpressions;

namespace Assistant.Plugins.Offline;

/// <summary>
/// A deterministic reading of English, Chinese and Vietnamese customer messages: enough to answer order status,
/// tracking and "my orders" without a model, and to recognise a request for a person. Anything else is Unknown.
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
        var lower = withoutContacts.ToLowerInvariant();

        var kind = true switch
        {
            _ when Human().IsMatch(lower) => IntentKind.Human,
            _ when Complaint().IsMatch(lower) => IntentKind.Complaint,
            _ when orderNumber is not null && Tracking().IsMatch(lower) => IntentKind.Tracking,
            _ when orderNumber is not null => IntentKind.OrderStatus,
            _ when MyOrders().IsMatch(lower) => IntentKind.MyOrders,
            _ when Product().IsMatch(lower) => IntentKind.Product,
            _ when Goodbye().IsMatch(lower) => IntentKind.Goodbye,
            _ when Tracking().IsMatch(lower) || OrderWords().IsMatch(lower) || Greeting().IsMatch(lower) => IntentKind.Help,
            _ => IntentKind.Unknown,
        };
        return new Intent(kind, orderNumber, email, phone);
    }

    [GeneratedRegex(@"\b(human|agent|person|representative|operator|staff|talk to|speak to|real person)\b|人工|客服|真人|转人工|nhân viên|người thật|tư vấn viên|gặp người")]
    private static partial Regex Human();

    [GeneratedRegex(@"\b(refunds?|return|returns|broken|damaged|complain\w*|furious|angry|money back|cancel\w*|wrong (size|item|colou?r))\b|退款|退货|投诉|损坏|取消|hoàn tiền|đổi trả|trả hàng|khiếu nại|bị hỏng|hủy đơn")]
    private static partial Regex Complaint();

    [GeneratedRegex(@"\b(track|tracking|shipment|shipping|delivery|delivered|deliver|where is|where's|arrive|courier|parcel|package)\b|物流|快递|到哪|发货|配送|运单|追踪|包裹|vận chuyển|giao hàng|theo dõi|ở đâu|đến đâu|khi nào nhận|bưu kiện")]
    private static partial Regex Tracking();

    [GeneratedRegex(@"\b(my orders|recent orders|order history|all orders|past orders)\b|我的订单|最近的订单|订单列表|历史订单|đơn hàng của tôi|các đơn hàng|đơn gần đây")]
    private static partial Regex MyOrders();

    [GeneratedRegex(@"\b(order|status|purchase)\b|订单|状态|đơn hàng|trạng thái")]
    private static partial Regex OrderWords();

    [GeneratedRegex(@"\b(do you (have|sell|carry|stock)|have you got|looking for|want to buy|like to buy|buy|in stock|available in|recommend)\b|有没有|有吗|想买|要买|有货|推荐|适合送|có bán|muốn mua|còn hàng|tìm mua|gợi ý")]
    private static partial Regex Product();

    [GeneratedRegex(@"\b(bye|goodbye|that's all|thats all|that is all|no thanks|thank you|thanks|thx)\b|谢谢|感谢|再见|没事了|cảm ơn|cám ơn|tạm biệt")]
    private static partial Regex Goodbye();

    [GeneratedRegex(@"^\s*(hi|hello|hey|help|good (morning|afternoon|evening))\b|你好|您好|xin chào|^\s*chào\b")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s\-().]{7,}\d")]
    private static partial Regex Phone();

    [GeneratedRegex(@"(?<![A-Za-z0-9])#?(?<number>[A-Za-z]{0,3}-?\d{3,8})(?!\d)")]
    private static partial Regex OrderNumber();
}
