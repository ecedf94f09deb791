using Assistant.Core.Storage;

namespace Assistant.Tests.Storage;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Repeated_statements_are_prepared_when_the_connection_string_does_not_say()
    {
        var connection = PostgresConnection.Parse("Host=db;Database=assistant", PostgresConnection.StateSetting);

        PostgresConnection.PrepareRepeatedStatements(connection);

        Assert.True(connection.MaxAutoPrepare > 0);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;Max Auto Prepare=5", 5)]
    public void Statement_preparation_set_in_the_connection_string_is_kept(string connectionString, int expected)
    {
        var connection = PostgresConnection.Parse(connectionString, PostgresConnection.StateSetting);

        PostgresConnection.PrepareRepeatedStatements(connection);

        Assert.Equal(expected, connection.MaxAutoPrepare);
    }
}
