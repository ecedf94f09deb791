using System.Security.Cryptography;
using System.Text;

namespace Assistant.Host.Admin;

/// <summary>
/// Who may read <c>/admin</c>: a request with <c>Authorization: Bearer &lt;token&gt;</c>, or a browser holding the
/// session cookie the sign-in form sets. The cookie carries an HMAC of the token, never the token, and every
/// comparison takes the same time whatever it compares.
/// </summary>
internal sealed class AdminAccess(string token)
{
    public const string CookieName = "assistant_admin";

    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public string SessionValue { get; } = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "assistant-admin-session"u8));

    public bool Allows(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IsToken(header["Bearer ".Length..].Trim());
        }

        return request.Cookies.TryGetValue(CookieName, out var session) && Same(Encoding.UTF8.GetBytes(session), Encoding.UTF8.GetBytes(SessionValue));
    }

    public bool IsToken(string? candidate) => candidate is not null && Same(Encoding.UTF8.GetBytes(candidate), _token);

    // Hashing first makes the comparison's length fixed, so its time says nothing about the token's length either.
    private static bool Same(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(a), SHA256.HashData(b));
}
