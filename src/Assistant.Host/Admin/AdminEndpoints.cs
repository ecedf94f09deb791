using System.Globalization;
using System.Net;
using Assistant.Operations.Reports;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Admin;

/// <summary>
/// <c>/admin</c>: the report page, the decision timeline, sign-in and sign-out, mapped only when <c>Admin__Token</c>
/// is set. Every view of a conversation, every sign-in and sign-out is written to the log with who and from where.
/// </summary>
internal static partial class AdminEndpoints
{
    private static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value.Enabled)
        {
            return app;
        }

        var group = app.MapGroup("/admin").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            SecureHeaders(context.HttpContext.Response);
            return await next(context);
        });
        group.MapGet("/", ShowReportAsync).WithName("ShowAdminReport");
        group.MapGet("/conversations", ShowTimelineAsync).WithName("ShowAdminTimeline");
        group.MapGet("/login", ShowSignIn).WithName("ShowAdminSignIn");
        group.MapPost("/login", SignInAsync).WithName("AdminSignIn").DisableAntiforgery();
        group.MapPost("/logout", SignOutAsync).WithName("AdminSignOut").DisableAntiforgery();
        return app;
    }

    internal static async Task<IResult> ShowReportAsync(HttpRequest request, AdminAccess access, ReportRepository reports, CancellationToken cancellationToken)
    {
        if (await access.CallerAsync(request, cancellationToken) is null)
        {
            return Refuse(request);
        }

        var since = request.Query["since"].ToString();
        if (!ReportPeriod.TryParse(since, out var period))
        {
            return Results.BadRequest($"since must be {ReportPeriod.Help}.");
        }

        var report = await reports.ReadAsync(period, cancellationToken);
        return Results.Content(AdminPage.Render(report, string.IsNullOrEmpty(since) ? "7d" : since), "text/html; charset=utf-8");
    }

    internal static async Task<IResult> ShowTimelineAsync(
        HttpRequest request, AdminAccess access, TimelineRepository timelines, SecretRedactor redactor, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await access.CallerAsync(request, cancellationToken) is not { } caller)
        {
            return Refuse(request);
        }

        var id = Number(request, "id");
        var page = (int)Math.Clamp(Number(request, "page") ?? 1, 1, 100_000);
        var timeline = id is { } found ? await timelines.ReadAsync(found, Number(request, "account"), page, cancellationToken) : null;
        if (timeline is not null)
        {
            Log.TimelineViewed(Logger(loggers), caller, Client(request), timeline.AccountId, timeline.ConversationId, page);
        }

        return Results.Content(AdminTimelinePage.Render(timeline, id, redactor.Redact), "text/html; charset=utf-8",
            statusCode: id is not null && timeline is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    internal static IResult ShowSignIn() => Results.Content(AdminPage.Login(AdminPage.SignIn.Form), "text/html; charset=utf-8");

    internal static async Task<IResult> SignInAsync(
        HttpRequest request, HttpResponse response, AdminAccess access, AdminSessions sessions, AdminSignInThrottle throttle, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var client = Client(request);
        if (throttle.WaitFor(client) is { } wait)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Content(AdminPage.Login(AdminPage.SignIn.Throttled), "text/html; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
        }

        // A session cookie sent in the clear can be taken and replayed: sign in over https (a TLS proxy counts when
        // Http__TrustedProxies names it), or on this machine itself.
        if (!request.IsHttps && request.HttpContext.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
        {
            return Results.Content(AdminPage.Login(AdminPage.SignIn.NeedsHttps), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        if (!access.IsToken(form?["token"].ToString()))
        {
            throttle.Failed(client);
            Log.SignInFailed(Logger(loggers), client);
            return Results.Content(AdminPage.Login(AdminPage.SignIn.Failed), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }

        throttle.Succeeded(client);
        var session = await sessions.StartAsync(access.TokenCheck, SessionLength, client, cancellationToken);
        response.Cookies.Append(AdminAccess.CookieName, session, new CookieOptions
        {
            HttpOnly = true,
            Secure = request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/admin",
            MaxAge = SessionLength,
        });
        Log.SignedIn(Logger(loggers), AdminSessions.Label(session), client);
        return Results.Redirect("/admin/");
    }

    internal static async Task<IResult> SignOutAsync(
        HttpRequest request, HttpResponse response, AdminSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        // SameSite=Strict keeps other sites from signing a browser out; the session ends for every instance.
        if (request.Cookies.TryGetValue(AdminAccess.CookieName, out var session))
        {
            await sessions.EndAsync(session, cancellationToken);
            Log.SignedOut(Logger(loggers), AdminSessions.Label(session), Client(request));
        }

        response.Cookies.Delete(AdminAccess.CookieName, new CookieOptions { Path = "/admin", Secure = request.IsHttps, HttpOnly = true, SameSite = SameSiteMode.Strict });
        return Results.Redirect("/admin/login");
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Assistant.Host.Admin");

    /// <summary>A browser without a session is sent to sign in; anything else gets 401.</summary>
    private static IResult Refuse(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || !AcceptsHtml(request) ? Results.Unauthorized() : Results.Redirect("/admin/login");

    private static bool AcceptsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static long? Number(HttpRequest request, string name) =>
        long.TryParse(request.Query[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The client's address: a trusted proxy's X-Forwarded-For has already replaced the connection's (Http__TrustedProxies).</summary>
    private static string Client(HttpRequest request) => request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static void SecureHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Admin audit: {Caller} from {Client} viewed the timeline of conversation {AccountId}/{ConversationId} (page {Page}).")]
        public static partial void TimelineViewed(ILogger logger, string caller, string client, long accountId, long conversationId, int page);

        [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Admin audit: {Caller} signed in from {Client}.")]
        public static partial void SignedIn(ILogger logger, string caller, string client);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Admin audit: a sign-in from {Client} gave a wrong token.")]
        public static partial void SignInFailed(ILogger logger, string client);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Admin audit: {Caller} signed out from {Client}.")]
        public static partial void SignedOut(ILogger logger, string caller, string client);
    }
}
