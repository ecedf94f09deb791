using Assistant.Engine.Storage;

namespace Assistant.Tests.Storage;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Pool_prepares_repeated_statements_and_skips_the_reset_when_the_connection_string_does_not_say()
    {
        var connection = PostgresConnection.Parse("Host=db;Database=assistant", PostgresConnection.StateSetting);

        PostgresConnection.TuneForRepeatedStatements(connection);

        Assert.True(connection.MaxAutoPrepare > 0);
        Assert.True(connection.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false", 0, false)]
    [InlineData("Host=db;MaxAutoPrepare=0;NoResetOnClose=false", 0, false)]
    [InlineData("Host=db;Max Auto Prepare=5", 5, true)]
    public void Pool_settings_given_in_the_connection_string_are_kept(string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        var connection = PostgresConnection.Parse(connectionString, PostgresConnection.StateSetting);

        PostgresConnection.TuneForRepeatedStatements(connection);

        Assert.Equal(maxAutoPrepare, connection.MaxAutoPrepare);
        Assert.Equal(noResetOnClose, connection.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db", "-c jit=off")]
    [InlineData("Host=db;Options=-c search_path=assistant", "-c search_path=assistant -c jit=off")]
    [InlineData("Host=db;Options=-c jit=on", "-c jit=on")]
    public void Sessions_run_without_jit_unless_the_connection_string_says(string connectionString, string options)
    {
        var connection = PostgresConnection.Parse(connectionString, PostgresConnection.StateSetting);

        PostgresConnection.WithoutJit(connection);

        Assert.Equal(options, connection.Options);
    }
}
