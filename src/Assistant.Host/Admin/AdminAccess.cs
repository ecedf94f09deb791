using System.Security.Cryptography;
using System.Text;

namespace Assistant.Host.Admin;

/// <summary>
/// Who may read <c>/admin</c>: a request with <c>Authorization: Bearer &lt;token&gt;</c>, or a browser holding a
/// session the sign-in form started (<see cref="AdminSessions"/>). Every comparison with the token takes the same time
/// whatever it compares.
/// </summary>
internal sealed class AdminAccess(string token, AdminSessions sessions)
{
    public const string CookieName = "assistant_admin";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    /// <summary>What a session records of the token it signed in with: changing the token ends every session.</summary>
    public byte[] TokenCheck { get; } = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "assistant-admin-session"u8);

    /// <summary>Who is asking, for the audit log (<c>bearer</c> or a session's short name); null when nobody allowed.</summary>
    public async Task<string?> CallerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IsToken(header["Bearer ".Length..].Trim()) ? "bearer" : null;
        }

        return request.Cookies.TryGetValue(CookieName, out var session) && await sessions.IsActiveAsync(session, TokenCheck, cancellationToken)
            ? AdminSessions.Label(session)
            : null;
    }

    public bool IsToken(string? candidate) => candidate is not null && Same(Encoding.UTF8.GetBytes(candidate), _token);

    // Hashing first makes the comparison's length fixed, so its time says nothing about the token's length either.
    private static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(a), SHA256.HashData(b));
}
