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
