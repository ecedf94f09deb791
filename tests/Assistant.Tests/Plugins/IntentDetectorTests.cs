using Assistant.Plugins.Offline;

namespace Assistant.Tests.Plugins;

public sealed class IntentDetectorTests
{
    [Theory]
    [InlineData("Where is order 1042?", IntentKind.Tracking, "1042")]
    [InlineData("What's the status of #1042", IntentKind.OrderStatus, "1042")]
    [InlineData("我的订单2001物流到哪了？", IntentKind.Tracking, "2001")]
    [InlineData("订单2001的状态", IntentKind.OrderStatus, "2001")]
    [InlineData("Đơn hàng 3001 của tôi đang vận chuyển đến đâu rồi?", IntentKind.Tracking, "3001")]
    [InlineData("trạng thái đơn hàng 3001", IntentKind.OrderStatus, "3001")]
    [InlineData("show me my orders", IntentKind.MyOrders, null)]
    [InlineData("我的订单", IntentKind.MyOrders, null)]
    [InlineData("I want to talk to a human", IntentKind.Human, null)]
    [InlineData("转人工", IntentKind.Human, null)]
    [InlineData("cho tôi gặp nhân viên", IntentKind.Human, null)]
    [InlineData("thanks, bye", IntentKind.Goodbye, null)]
    [InlineData("谢谢", IntentKind.Goodbye, null)]
    [InlineData("Hello", IntentKind.Help, null)]
    [InlineData("Can I change the colour of my jacket?", IntentKind.Unknown, null)]
    [InlineData("I want a refund for order 1001", IntentKind.Complaint, "1001")]
    [InlineData("我要退货", IntentKind.Complaint, null)]
    [InlineData("tôi muốn hoàn tiền", IntentKind.Complaint, null)]
    [InlineData("Do you have the rain jacket in L?", IntentKind.Product, null)]
    [InlineData("有没有适合送礼的围巾？", IntentKind.Product, null)]
    [InlineData("shop có bán áo mưa không", IntentKind.Product, null)]
    public void Detects_intent_and_order_number_in_three_languages(string text, IntentKind kind, string? orderNumber)
    {
        var intent = IntentDetector.Detect(text);

        Assert.Equal((kind, orderNumber), (intent.Kind, intent.OrderNumber));
    }

    [Theory]
    // Questions about a policy are answered from the articles; requests to act go to a person.
    [InlineData("What is your return policy?", IntentKind.Policy)]
    [InlineData("How do returns work?", IntentKind.Policy)]
    [InlineData("how long do I have to return something", IntentKind.Policy)]
    [InlineData("Can I return an item I bought on sale?", IntentKind.Policy)]
    [InlineData("what's your refund policy", IntentKind.Policy)]
    [InlineData("How much is shipping to Austria?", IntentKind.Policy)]
    [InlineData("do you accept PayPal?", IntentKind.Policy)]
    [InlineData("Is there a warranty on the jackets?", IntentKind.Policy)]
    [InlineData("how can I cancel an order before it ships?", IntentKind.Policy)]
    [InlineData("I want to return my jacket", IntentKind.Complaint)]
    [InlineData("I'd like a refund please", IntentKind.Complaint)]
    [InlineData("please cancel my order", IntentKind.Complaint)]
    [InlineData("The mug arrived broken", IntentKind.Complaint)]
    [InlineData("refund", IntentKind.Complaint)]
    [InlineData("you sent me the wrong size", IntentKind.Complaint)]
    [InlineData("Do you sell rain jackets?", IntentKind.Product)]
    [InlineData("do you carry merino socks", IntentKind.Product)]
    [InlineData("Is the navy rain jacket in stock?", IntentKind.Product)]
    [InlineData("any wool scarves available?", IntentKind.Product)]
    [InlineData("I'm looking for a gift for my mum", IntentKind.Product)]
    [InlineData("have you got tote bags", IntentKind.Product)]
    public void English_policy_questions_requests_and_product_questions_are_told_apart(string text, IntentKind kind) =>
        Assert.Equal(kind, IntentDetector.Detect(text).Kind);

    [Theory]
    [InlineData("你们的退货政策是什么？", IntentKind.Policy)]
    [InlineData("怎么退货？", IntentKind.Policy)]
    [InlineData("退货要多久？", IntentKind.Policy)]
    [InlineData("可以退款吗？", IntentKind.Policy)]
    [InlineData("运费是多少？怎么算", IntentKind.Policy)]
    [InlineData("你们支持支付宝吗？", IntentKind.Policy)]
    [InlineData("发货要几天？", IntentKind.Policy)]
    [InlineData("取消订单有什么规定？", IntentKind.Policy)]
    [InlineData("我要退货", IntentKind.Complaint)]
    [InlineData("我想退款", IntentKind.Complaint)]
    [InlineData("帮我取消订单", IntentKind.Complaint)]
    [InlineData("杯子到的时候坏了", IntentKind.Complaint)]
    [InlineData("我要投诉", IntentKind.Complaint)]
    [InlineData("退款", IntentKind.Complaint)]
    [InlineData("你们有围巾吗？", IntentKind.Product)]
    [InlineData("围巾有没有？", IntentKind.Product)]
    [InlineData("卖不卖雨衣？", IntentKind.Product)]
    [InlineData("有没有适合送礼的杯子", IntentKind.Product)]
    [InlineData("想买一件外套", IntentKind.Product)]
    [InlineData("有货吗，那个绿茶", IntentKind.Product)]
    [InlineData("推荐一个礼物", IntentKind.Product)]
    public void Chinese_policy_questions_requests_and_product_questions_are_told_apart(string text, IntentKind kind) =>
        Assert.Equal(kind, IntentDetector.Detect(text).Kind);

    [Theory]
    [InlineData("chính sách đổi trả thế nào?", IntentKind.Policy)]
    [InlineData("chinh sach doi tra the nao", IntentKind.Policy)]
    [InlineData("đổi trả hàng như thế nào vậy shop?", IntentKind.Policy)]
    [InlineData("hoàn tiền mất bao lâu?", IntentKind.Policy)]
    [InlineData("phí vận chuyển bao nhiêu?", IntentKind.Policy)]
    [InlineData("thanh toan the nao", IntentKind.Policy)]
    [InlineData("có được trả hàng không?", IntentKind.Policy)]
    [InlineData("tôi muốn trả hàng", IntentKind.Complaint)]
    [InlineData("toi muon hoan tien", IntentKind.Complaint)]
    [InlineData("hủy đơn giúp tôi", IntentKind.Complaint)]
    [InlineData("cái cốc bị vỡ rồi", IntentKind.Complaint)]
    [InlineData("tôi muốn khiếu nại", IntentKind.Complaint)]
    [InlineData("hoàn tiền", IntentKind.Complaint)]
    [InlineData("shop có bán áo mưa không", IntentKind.Product)]
    [InlineData("co ban khan len khong", IntentKind.Product)]
    [InlineData("áo khoác còn hàng không?", IntentKind.Product)]
    [InlineData("còn size L không shop", IntentKind.Product)]
    [InlineData("có khăn quàng cổ không ạ", IntentKind.Product)]
    [InlineData("tôi muốn mua cà phê", IntentKind.Product)]
    [InlineData("gợi ý quà tặng giúp em", IntentKind.Product)]
    [InlineData("tim mua non la", IntentKind.Product)]
    public void Vietnamese_with_or_without_accents_policy_questions_requests_and_product_questions_are_told_apart(string text, IntentKind kind) =>
        Assert.Equal(kind, IntentDetector.Detect(text).Kind);

    [Fact]
    public void Email_and_phone_are_found_and_not_mistaken_for_order_numbers()
    {
        var intent = IntentDetector.Detect("order 1042, my email is jane.1990@example.com and phone +49 151 12345678");

        Assert.Equal(("1042", "jane.1990@example.com", "+49 151 12345678"), (intent.OrderNumber, intent.Email, intent.Phone));
    }

    [Fact]
    public void A_proof_alone_carries_no_order_number()
    {
        var intent = IntentDetector.Detect("my email is someone@else.example");

        Assert.Equal((IntentKind.Unknown, null, "someone@else.example"), (intent.Kind, intent.OrderNumber, intent.Email));
    }
}
