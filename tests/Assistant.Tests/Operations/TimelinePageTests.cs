using System.Net;
using System.Net.Http.Headers;
using Assistant.Tests.Infrastructure;
using Assistant.Tests.Turns;
using Microsoft.Playwright;

namespace Assistant.Tests.Operations;

/// <summary>The decision timeline of a real conversation, read at <c>/admin/conversations</c> in headless Chromium.</summary>
public sealed class TimelinePageTests : ConversationTestBase
{
    private const string AdminToken = "admin-token-0123456789abcdef";
    private Browser? _browser;

    [Fact]
    public async Task Timeline_shows_events_tool_calls_gate_verdicts_and_steps_in_order()
    {
        // Arrange: a turn whose first answer invents a tracking number and is repaired.
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenToolCall("Orders_GetOrder", """{"orderNumber":"1043"}""")
            .ThenText("Order 1043 ships with UPS, tracking 1Z999AA10123456784.")
            .ThenText("Order 1043 has not shipped yet.");
        await StartAdminAsync();
        await SayAsync(VerifiedJane("Tracking for order 1043?"));
        await SettledTurnsAsync();
        _browser = await Browser.LaunchAsync();
        var page = await PageAsync(390, 844);

        // Act
        await page.GotoAsync(Url("/admin/conversations?id=42"));

        // Assert
        var kinds = await page.Locator(".timeline li .kind").AllInnerTextsAsync();
        var titles = await page.Locator(".timeline li .title").AllInnerTextsAsync();
        Assert.Equal("EVENT", kinds[0]);
        Assert.Contains("message_created", titles[0]);
        Assert.True(Index(titles, "message_created") < Index(titles, "customer wrote"), string.Join(" | ", titles));
        Assert.True(Index(titles, "turn_due") < Index(titles, "turn 1 ·"), string.Join(" | ", titles));
        var toolCall = kinds.ToList().IndexOf("TOOL");
        Assert.True(Index(titles, "model round 1 · tools: Orders_GetOrder") < toolCall, string.Join(" | ", titles));
        Assert.True(toolCall < Index(titles, "model round 2 · answer"), string.Join(" | ", titles));
        Assert.True(Index(titles, "model round 2 · answer") < Index(titles, "reply gate: stopped the answer"), string.Join(" | ", titles));
        Assert.True(Index(titles, "reply gate: stopped the answer") < Index(titles, "model round 3 · answer"));
        Assert.True(Index(titles, "reply gate: stopped the answer") < Index(titles, "reply gate: passed"));
        Assert.True(Index(titles, "reply gate: passed") < Index(titles, "message · done"));
        var tool = page.Locator(".timeline li.tool pre");
        await Assertions.Expect(tool).ToContainTextAsync("\"orderNumber\":\"1043\"");
        await Assertions.Expect(page.Locator(".timeline li.gate pre").First).ToContainTextAsync("numbers:");
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        var html = await page.ContentAsync();
        Assert.DoesNotContain(KnownSecrets.All, html.Contains);
        await Browser.SaveScreenshotAsync(page, "timeline-phone.png");
    }

    [Fact]
    public async Task An_unknown_conversation_says_so_and_the_search_finds_a_known_one()
    {
        Chatwoot.AddConversation(1, 42);
        OpenAI.ThenText("Hello Jane!");
        await StartAdminAsync();
        await SayAsync(VerifiedJane("Hello"));
        await SettledTurnsAsync();
        _browser = await Browser.LaunchAsync();
        var page = await PageAsync(1280, 900);

        var missing = await page.GotoAsync(Url("/admin/conversations?id=999"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No conversation 999 is known.");
        await page.FillAsync("input[name=id]", "42");
        await page.ClickAsync(".search button");

        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.Locator(".timeline li.message").First).ToContainTextAsync("Hello");
    }

    [Fact]
    public async Task The_timeline_is_refused_without_the_token()
    {
        await StartAdminAsync();

        using var anonymous = await Server.Http.GetAsync("/admin/conversations?id=42", Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/conversations?id=42");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token-0123456789abcdef");
        using var wrong = await Server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    private Task StartAdminAsync() => StartServerAsync(withLlm: true, settings => settings["Admin:Token"] = AdminToken);

    private async Task<IPage> PageAsync(int width, int height)
    {
        var context = await _browser!.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {AdminToken}" },
        });
        return await context.NewPageAsync();
    }

    private string Url(string path) => new Uri(Server.Http.BaseAddress!, path).ToString();

    private static int Index(IReadOnlyList<string> titles, string text)
    {
        var index = titles.ToList().FindIndex(t => t.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no entry says \"{text}\": {string.Join(" | ", titles)}");
        return index;
    }

    protected override async ValueTask DisposeExtrasAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
