using System.Security.Cryptography;
using Dapper;
using Npgsql;

namespace Assistant.Host.Admin;

/// <summary>
/// Admin sessions kept in the database, so they expire, can be ended by signing out, end for every instance at once,
/// and end when <c>Admin__Token</c> changes. The cookie holds 32 random bytes; the database only their SHA-256.
/// </summary>
internal sealed class AdminSessions(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<string> StartAsync(byte[] tokenCheck, TimeSpan length, string? remote, CancellationToken cancellationToken)
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM admin_sessions WHERE expires_at < @Now - interval '1 day';
            INSERT INTO admin_sessions (id_hash, token_check, created_at, expires_at, remote) VALUES (@IdHash, @TokenCheck, @Now, @ExpiresAt, @Remote);
            """, new { IdHash = Hash(value), TokenCheck = tokenCheck, Now = now, ExpiresAt = now + length, Remote = remote }, cancellationToken: cancellationToken));
        return value;
    }

    /// <summary>Whether the cookie names a session that is neither expired nor ended, signed in with the current token.</summary>
    public async Task<bool> IsActiveAsync(string cookie, byte[] tokenCheck, CancellationToken cancellationToken)
    {
        if (cookie.Length is < 20 or > 100)
        {
            return false;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var check = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT token_check FROM admin_sessions WHERE id_hash = @IdHash AND ended_at IS NULL AND expires_at > @Now",
            new { IdHash = Hash(cookie), Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        return check is not null && CryptographicOperations.FixedTimeEquals(check, tokenCheck);
    }

    public async Task EndAsync(string cookie, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE admin_sessions SET ended_at = @Now WHERE id_hash = @IdHash AND ended_at IS NULL",
            new { IdHash = Hash(cookie), Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>A short, non-reversible name for a session in the audit log.</summary>
    public static string Label(string cookie) => "session " + Convert.ToHexStringLower(Hash(cookie))[..8];

    private static byte[] Hash(string value) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value));
}
