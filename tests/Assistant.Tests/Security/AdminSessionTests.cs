using System.Net;
using Assistant.Tests.Infrastructure;

namespace Assistant.Tests.Security;

/// <summary>
/// <c>/admin</c> sessions live on the server: they expire, a sign-out ends them for every instance, a new admin token
/// ends them all; sign-in attempts are throttled per address; behind a trusted TLS proxy the cookie is Secure; and
/// every view of a conversation leaves an audit line.
/// </summary>
public sealed class AdminSessionTests : ServiceTestBase
{
    private const string AdminToken = "admin-token-0123456789abcdef";

    protected override bool StartsServerBeforeEachTest => false;

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server()
    {
        // Arrange
        await StartAdminAsync();
        using var client = Client();
        var cookie = await SignInAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/admin/", cookie)).StatusCode);

        // Act
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/admin/logout");
        logout.Headers.Add("Cookie", cookie);
        using var loggedOut = await client.SendAsync(logout, Token);

        // Assert: the browser is told to forget the cookie, and the server refuses it if it is replayed.
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Contains(loggedOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("assistant_admin=;", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/admin/", cookie)).StatusCode);
    }

    [Fact]
    public async Task A_session_expires_on_the_server_whatever_the_browser_keeps()
    {
        await StartAdminAsync();
        using var client = Client();
        var cookie = await SignInAsync(client);

        await Database.ExecuteAsync("UPDATE admin_sessions SET expires_at = now() - interval '1 second'");

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(client, "/admin/", cookie)).StatusCode);
    }

    [Fact]
    public async Task A_new_admin_token_ends_every_session_signed_in_with_the_old_one()
    {
        await StartAdminAsync();
        using var client = Client();
        var cookie = await SignInAsync(client);
        await Server.StopAsync();

        await StartAdminAsync(token: "another-admin-token-0123456789");
        using var afterRotation = Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(afterRotation, "/admin/", cookie)).StatusCode);
    }

    [Fact]
    public async Task Wrong_tokens_from_one_address_are_throttled_even_before_the_right_one()
    {
        await StartAdminAsync();
        using var client = Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostLoginAsync(client, "wrong-token-" + i)).StatusCode);
        }

        using var throttled = await PostLoginAsync(client, AdminToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        Assert.False(throttled.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Behind_a_trusted_tls_proxy_the_session_cookie_is_secure_and_the_audit_names_the_real_client()
    {
        // Arrange: the proxy on this machine terminates TLS for a browser at 203.0.113.7.
        await StartAdminAsync(proxies: "127.0.0.1");
        using var client = Client();

        // Act
        using var response = await PostLoginAsync(client, AdminToken, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Server.Logs.Entries, e => e.Text.Contains("signed in from", StringComparison.Ordinal) && e.Text.Contains("Client=203.0.113.7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sign_in_over_plain_http_from_another_machine_is_refused()
    {
        await StartAdminAsync(proxies: "127.0.0.1");
        using var client = Client();

        using var response = await PostLoginAsync(client, AdminToken, ("X-Forwarded-Proto", "http"), ("X-Forwarded-For", "203.0.113.7"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Forwarded_headers_of_an_untrusted_peer_are_ignored()
    {
        await StartAdminAsync();
        using var client = Client();

        using var response = await PostLoginAsync(client, AdminToken, ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.7"));

        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.DoesNotContain("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Server.Logs.Entries, e => e.Text.Contains("signed in from", StringComparison.Ordinal) && e.Text.Contains("Client=127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_view_of_a_conversations_timeline_leaves_an_audit_line()
    {
        await StartAdminAsync();
        await Database.ExecuteAsync("INSERT INTO conversations (account_id, conversation_id) VALUES (1, 42)");
        await Database.ExecuteAsync("""
            INSERT INTO transcript_messages (account_id, conversation_id, message_id, kind, role, content, sent_at)
            VALUES (1, 42, 1, 'message', 'customer', 'Hello', now())
            """);
        using var client = Client();
        var cookie = await SignInAsync(client);

        using var response = await GetAsync(client, "/admin/conversations?id=42", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Server.Logs.Entries, e => e.Text.Contains("viewed the timeline of conversation 1/42", StringComparison.Ordinal)
            && e.Text.Contains("session ", StringComparison.Ordinal) && e.Text.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAdminAsync(proxies: "10.0.0.1,proxy.internal"));

        Assert.Contains("Http__TrustedProxies", error.Message, StringComparison.Ordinal);
    }

    private async Task StartAdminAsync(string token = AdminToken, string? proxies = null)
    {
        var settings = DefaultSettings();
        settings["Admin:Token"] = token;
        settings["Http:TrustedProxies"] = proxies;
        await StartServerAsync(settings);
    }

    /// <summary>A client that neither follows redirects nor keeps cookies: the test holds the cookie, like a thief would.</summary>
    private HttpClient Client() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Server.Http.BaseAddress };

    private async Task<string> SignInAsync(HttpClient client)
    {
        using var response = await PostLoginAsync(client, AdminToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string token, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login") { Content = new FormUrlEncodedContent([new("token", token)]) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, Token);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request, Token);
    }
}
