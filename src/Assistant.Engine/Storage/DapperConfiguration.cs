using System.Data;
using Dapper;

namespace Assistant.Engine.Storage;

/// <summary>Process-wide Dapper settings, applied once at composition.</summary>
internal static class DapperConfiguration
{
    private static int _configured;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new TextArrayHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; records use <see cref="DateTimeOffset"/>.</summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a time."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();
    }

    /// <summary>
    /// Passes <c>string[]</c> to Npgsql as one <c>text[]</c> parameter (instead of Dapper's list expansion) and reads
    /// <c>text[]</c> columns, which the reader reports as <see cref="Array"/>, into record constructors.
    /// </summary>
    private sealed class TextArrayHandler : SqlMapper.TypeHandler<string[]>
    {
        public override string[] Parse(object value) => value switch
        {
            string[] strings => strings,
            Array array => array.Cast<object?>().Select(o => o?.ToString() ?? string.Empty).ToArray(),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as text[]."),
        };

        public override void SetValue(IDbDataParameter parameter, string[]? value)
        {
            parameter.Value = value ?? [];
            if (parameter is Npgsql.NpgsqlParameter npgsql)
            {
                npgsql.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text;
            }
        }
    }

    /// <summary>Npgsql reads <c>date</c> as <see cref="DateTime"/> unless asked; records use <see cref="DateOnly"/>.</summary>
    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime time => DateOnly.FromDateTime(time),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
        };

        public override void SetValue(IDbDataParameter parameter, DateOnly value) => parameter.Value = value;
    }
}
