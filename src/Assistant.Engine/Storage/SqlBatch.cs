using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Assistant.Engine.Storage;

/// <summary>
/// Statements sent to PostgreSQL in one round trip and run in order, gathered from the pieces of code that own them
/// (a repository adds its upsert, the inbox its finish). Parameters come from an object's properties, as with Dapper;
/// rows of the statements that return them are read into <see cref="SqlRows{T}"/>.
/// </summary>
/// <remarks>
/// Without an explicit transaction PostgreSQL runs a batch as one implicit transaction: all of it or none. A batch
/// sent inside one (after <c>BEGIN</c>) may end it with <c>COMMIT</c>, saving the commit's round trip.
/// </remarks>
public sealed partial class SqlBatch
{
    private static readonly ConcurrentDictionary<(Type, string), PropertyInfo[]> UsedProperties = new();
    private readonly NpgsqlBatch _batch = new();
    private readonly List<Action<DbDataReader>> _readers = [];
    private readonly List<Action> _afterSuccess = [];

    public bool IsEmpty => _batch.BatchCommands.Count == 0;

    /// <summary>
    /// Adds a statement whose result is not read; its <see cref="NpgsqlBatchCommand.RecordsAffected"/> is. It must
    /// return no columns (a lock is <c>SELECT FROM … FOR UPDATE</c>): rows are matched to <see cref="Query{T}"/>
    /// statements by the order of the statements that have columns.
    /// </summary>
    public NpgsqlBatchCommand Execute(string sql, object? parameters = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        if (parameters is not null)
        {
            AddParameters(command, sql, parameters);
        }

        _batch.BatchCommands.Add(command);
        return command;
    }

    /// <summary>Adds a statement returning rows, mapped like Dapper maps them; read once the batch has run.</summary>
    public SqlRows<T> Query<T>(string sql, object? parameters = null)
    {
        Execute(sql, parameters);
        var rows = new SqlRows<T>();
        _readers.Add(reader =>
        {
            // Dapper's generic parser refuses single-column rows of simple types; the untyped one maps both kinds.
            var parse = reader.GetRowParser(typeof(T));
            while (reader.Read())
            {
                rows.Add((T)parse(reader));
            }
        });
        return rows;
    }

    /// <summary>Runs <paramref name="action"/> once the whole batch has succeeded.</summary>
    public void AfterSuccess(Action action) => _afterSuccess.Add(action);

    public Task ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, null, cancellationToken);

    public async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        _batch.Connection = connection;
        _batch.Transaction = transaction;
        await using (var reader = await _batch.ExecuteReaderAsync(cancellationToken))
        {
            // Statements without rows (BEGIN, an INSERT without RETURNING) have no columns; whether the reader stops
            // at them or not, the row-returning ones come in the order they were added.
            var next = 0;
            do
            {
                if (reader.FieldCount > 0 && next < _readers.Count)
                {
                    _readers[next++](reader);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        foreach (var action in _afterSuccess)
        {
            action();
        }
    }

    private static void AddParameters(NpgsqlBatchCommand command, string sql, object parameters)
    {
        foreach (var property in UsedProperties.GetOrAdd((parameters.GetType(), sql), key => PropertiesNamedIn(key.Item1, key.Item2)))
        {
            command.Parameters.Add(ToParameter(property.Name, property.PropertyType, property.GetValue(parameters)));
        }
    }

    // Like Dapper, only the properties the statement names become parameters.
    private static PropertyInfo[] PropertiesNamedIn(Type type, string sql)
    {
        var named = ParameterName().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => named.Contains(p.Name)).ToArray();
    }

    // The conversions DapperConfiguration applies to parameters, so a statement means the same through either path.
    private static NpgsqlParameter ToParameter(string name, Type type, object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var parameter = new NpgsqlParameter { ParameterName = name };
        switch (value)
        {
            case null when underlying == typeof(string[]):
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
                parameter.Value = Array.Empty<string>();
                break;
            case null:
                parameter.Value = DBNull.Value;
                if (NullTypes.TryGetValue(underlying, out var dbType))
                {
                    parameter.DbType = dbType;
                }

                break;
            case string[] strings:
                parameter.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
                parameter.Value = strings;
                break;
            case DateTimeOffset time:
                parameter.Value = time.ToUniversalTime();
                break;
            default:
                parameter.Value = value;
                break;
        }

        return parameter;
    }

    private static readonly Dictionary<Type, DbType> NullTypes = new()
    {
        [typeof(long)] = DbType.Int64,
        [typeof(int)] = DbType.Int32,
        [typeof(double)] = DbType.Double,
        [typeof(bool)] = DbType.Boolean,
        [typeof(string)] = DbType.String,
        [typeof(DateTimeOffset)] = DbType.DateTimeOffset,
    };

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex ParameterName();
}

/// <summary>The rows one statement of a <see cref="SqlBatch"/> returned, available once the batch has run.</summary>
public sealed class SqlRows<T>
{
    private readonly List<T> _rows = [];

    public IReadOnlyList<T> Rows => _rows;

    internal void Add(T row) => _rows.Add(row);
}
