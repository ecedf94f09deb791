using System.Net;
using System.Net.Http.Headers;
using Assistant.Tests.Builders;
using Assistant.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Assistant.Tests.Operations;

/// <summary>The <c>/admin</c> report page over real HTTP, read in a real headless Chromium.</summary>
public sealed class AdminPageTests : ServiceTestBase
{
    private const string AdminToken = "admin-token-0123456789abcdef";
    private const string Resolved = "#2f9e44";
    private const string HandedOff = "#e8590c";
    private const string P50 = "#1971c2";
    private Browser? _browser;

    protected override bool StartsServerBeforeEachTest => false;

    /// <summary>A week of conversations: a few each day, some resolved, some handed off, one model failure.</summary>
    protected override async Task ArrangeAsync()
    {
        var seed = new ReportSeed(Database.DataSource);
        var today = DateTimeOffset.UtcNow;
        var reasons = new[] { "refund", "customer_request", "complaint", "refund", "out_of_scope" };
        for (var day = 6; day >= 0; day--)
        {
            var at = today.AddDays(-day).AddHours(-1);
            for (var i = 0; i < 3 + (day * 5 % 4); i++)
            {
                var outcome = (i + day) % 3 == 0 ? "handed_off" : i % 2 == 0 ? "resolved" : "answered";
                await seed.ConversationAsync(at.AddMinutes(-i * 7), 2 + (((i * 3) + day) % 9), outcome, tokens: 1200 + (i * 300), cost: 0.0004m * (i + 1),
                    reason: outcome == "handed_off" ? reasons[(i + day) % reasons.Length] : null, afterHours: outcome == "handed_off" && day % 2 == 0,
                    modelFailure: day == 3 && i == 1);
            }
        }
    }

    [Fact]
    public async Task Without_a_token_the_page_does_not_exist()
    {
        await StartServerAsync(DefaultSettings());

        using var response = await Server.Http.GetAsync("/admin/", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Requests_without_the_right_token_are_refused()
    {
        await StartAdminAsync();

        using var anonymous = await Server.Http.GetAsync("/admin/", Token);
        using var wrong = await GetAsync("/admin/", "admin-token-0123456789abcdeX");
        using var right = await GetAsync("/admin/", AdminToken);
        using var withoutSlash = await GetAsync("/admin", AdminToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
        Assert.Contains("default-src 'none'", right.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", right.Headers.CacheControl!.ToString());
        Assert.DoesNotContain(AdminToken, await right.Content.ReadAsStringAsync(Token));
    }

    [Theory]
    [InlineData("Bearer admin-token-0123456789abcde")]
    [InlineData("Bearer ADMIN-TOKEN-0123456789ABCDEF")]
    [InlineData("Bearer admin-token-0123456789abcdef0")]
    [InlineData("Basic admin-token-0123456789abcdef")]
    public async Task Near_misses_of_the_token_are_refused(string authorization)
    {
        await StartAdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await Server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(AdminToken)]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_session_cookie_not_made_by_the_sign_in_is_refused(string cookie)
    {
        await StartAdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/");
        request.Headers.Add("Cookie", $"assistant_admin={cookie}");

        using var response = await Server.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_signs_in_with_the_token_and_gets_an_http_only_session()
    {
        await StartAdminAsync();
        var page = await (await LaunchAsync()).Chromium.NewPageAsync();

        await page.GotoAsync(Url("/admin/"));
        Assert.EndsWith("/admin/login", page.Url);
        await page.FillAsync("#token", "not-the-token-at-all");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That token is not right.");
        await page.FillAsync("#token", AdminToken);
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Shopping assistant");
        Assert.Equal(5, await page.Locator("svg.chart").CountAsync());
        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "assistant_admin");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(AdminToken, cookie.Value);
    }

    [Fact]
    public async Task Report_shows_the_weeks_figures_and_its_charts_render()
    {
        // Arrange
        await StartAdminAsync();
        var browser = await LaunchAsync();
        var page = await AuthorizedPageAsync(browser, width: 1280, height: 1000);

        // Act
        await page.GotoAsync(Url("/admin/?since=7d"));

        // Assert
        var tiles = await page.Locator(".tile .value").AllInnerTextsAsync();
        Assert.Equal(8, tiles.Count);
        Assert.Equal(["CSAT, BOT RESOLVED", "CSAT, HANDED OFF"], (await page.Locator(".tile h2").AllInnerTextsAsync()).Skip(6));
        Assert.True(int.Parse(tiles[0], System.Globalization.CultureInfo.InvariantCulture) >= 21);
        Assert.Equal(7 + 1, await page.Locator("tbody tr").CountAsync());
        Assert.True(await page.Locator("svg[data-chart=conversations] rect.bar").CountAsync() >= 14);
        Assert.Equal(3, await page.Locator("svg[data-chart=handoff-reasons] rect.bar").CountAsync());
        var bars = await browser.CountColoursAsync(await page.Locator("svg[data-chart=conversations]").ScreenshotAsync(), Resolved, HandedOff);
        Assert.All(bars, pixels => Assert.True(pixels > 500, $"only {pixels} pixels of a bar colour were drawn"));
        var lines = await browser.CountColoursAsync(await page.Locator("svg[data-chart=first-reply]").ScreenshotAsync(), P50);
        Assert.True(lines[0] > 100, $"only {lines[0]} pixels of the p50 line were drawn");
        await Browser.SaveScreenshotAsync(page, "report-desktop.png");
    }

    [Fact]
    public async Task Report_reads_at_phone_width_without_sideways_scrolling()
    {
        await StartAdminAsync();
        var browser = await LaunchAsync();
        var page = await AuthorizedPageAsync(browser, width: 390, height: 844);

        await page.GotoAsync(Url("/admin/"));

        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        foreach (var chart in await page.Locator("svg.chart").AllAsync())
        {
            var box = await chart.BoundingBoxAsync();
            Assert.InRange(box!.Width, 200, 390);
        }

        var first = await page.Locator(".tile").Nth(0).BoundingBoxAsync();
        var second = await page.Locator(".tile").Nth(1).BoundingBoxAsync();
        Assert.Equal(first!.Y, second!.Y);
        Assert.True(second.X + second.Width <= 390);
        var pixels = await browser.CountColoursAsync(await page.Locator("svg[data-chart=conversations]").ScreenshotAsync(), Resolved);
        Assert.True(pixels[0] > 100, $"only {pixels[0]} pixels of resolved bars at phone width");
        await Browser.SaveScreenshotAsync(page, "report-phone.png");
    }

    [Fact]
    public async Task A_short_admin_token_stops_start_up_naming_the_setting()
    {
        var settings = DefaultSettings();
        settings["Admin:Token"] = "short";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartServerAsync(settings));

        Assert.Contains("Admin__Token", error.Message);
    }

    private async Task StartAdminAsync()
    {
        var settings = DefaultSettings();
        settings["Admin:Token"] = AdminToken;
        await StartServerAsync(settings);
    }

    private async Task<Browser> LaunchAsync() => _browser ??= await Browser.LaunchAsync();

    private static async Task<IPage> AuthorizedPageAsync(Browser browser, int width, int height)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {AdminToken}" },
        });
        return await context.NewPageAsync();
    }

    private string Url(string path) => new Uri(Server.Http.BaseAddress!, path).ToString();

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Server.Http.SendAsync(request, Token);
    }

    protected override async ValueTask DisposeExtrasAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
