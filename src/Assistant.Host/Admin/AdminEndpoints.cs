using System.Globalization;
using Assistant.Engine.Reports;
using Microsoft.Extensions.Options;

namespace Assistant.Host.Admin;

/// <summary><c>/admin</c>: the report page and its sign-in form, mapped only when <c>Admin__Token</c> is set.</summary>
internal static class AdminEndpoints
{
    private static readonly TimeSpan SessionLength = TimeSpan.FromHours(12);

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var access = new AdminAccess(options.Token!);
        var group = app.MapGroup("/admin").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            SecureHeaders(context.HttpContext.Response);
            return await next(context);
        });

        group.MapGet("/", async (HttpRequest request, ReportRepository reports, CancellationToken cancellationToken) =>
        {
            if (!access.Allows(request))
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
        });

        group.MapGet("/conversations", async (HttpRequest request, TimelineRepository timelines, SecretRedactor redactor, CancellationToken cancellationToken) =>
        {
            if (!access.Allows(request))
            {
                return Refuse(request);
            }

            var id = long.TryParse(request.Query["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var conversation) ? conversation : (long?)null;
            var account = long.TryParse(request.Query["account"], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : (long?)null;
            var timeline = id is { } found ? await timelines.ReadAsync(found, account, cancellationToken) : null;
            return Results.Content(AdminTimelinePage.Render(timeline, id, redactor.Redact), "text/html; charset=utf-8",
                statusCode: id is not null && timeline is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
        });

        group.MapGet("/login", () => Results.Content(AdminPage.Login(failed: false), "text/html; charset=utf-8"));
        group.MapPost("/login", async (HttpRequest request, HttpResponse response) =>
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            if (!access.IsToken(form?["token"].ToString()))
            {
                return Results.Content(AdminPage.Login(failed: true), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            }

            response.Cookies.Append(AdminAccess.CookieName, access.SessionValue, new CookieOptions
            {
                HttpOnly = true,
                Secure = request.IsHttps,
                SameSite = SameSiteMode.Strict,
                Path = "/admin",
                MaxAge = SessionLength,
            });
            return Results.Redirect("/admin/");
        }).DisableAntiforgery();

        return app;
    }

    /// <summary>A browser without a session is sent to sign in; anything else gets 401.</summary>
    private static IResult Refuse(HttpRequest request) =>
        request.Headers.Authorization.Count > 0 || !AcceptsHtml(request) ? Results.Unauthorized() : Results.Redirect("/admin/login");

    private static bool AcceptsHtml(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static void SecureHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
    }
}
