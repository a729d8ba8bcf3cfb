using GovHall.Web.Hosting;
using Npgsql;

namespace GovHall.Tests.Hosting;

// The hall asks Npgsql to prepare its statements on the server, to keep at most a few
// connections (sized to a small database server), to keep them warm, and not to reset a
// connection's session between uses, unless the operator's connection string says otherwise (0
// behind a pooler that cannot keep prepared statements; a pool sized to a larger database
// server or to several nodes).
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void WithoutASetting_StatementsArePrepared_AndTheRestIsKept()
    {
        var built = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db.internal;Port=5433;Database=govhall;Username=govhall;Maximum Pool Size=50"));
        Assert.Equal(Database.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(Database.DefaultMinPoolSize, built.MinPoolSize);
        Assert.Equal(("db.internal", 5433, "govhall", 50), (built.Host, built.Port, built.Database, built.MaxPoolSize));
    }

    [Fact]
    public void WithoutAPoolSize_ThePoolIsSmall_AndKeptWhole()
    {
        var built = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db.internal;Database=govhall"));
        Assert.Equal((Database.DefaultMaxPoolSize, Database.DefaultMaxPoolSize), (built.MaxPoolSize, built.MinPoolSize));
        Assert.True(Database.DefaultMaxPoolSize < new NpgsqlConnectionStringBuilder().MaxPoolSize);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=64", 64)]
    [InlineData("Host=db;MaxPoolSize=4", 4)]
    [InlineData("Host=db;maximum pool size=200", 200)]
    public void TheOperatorsPoolSize_IsKept(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).MaxPoolSize);

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    [InlineData("Host=db;max auto prepare=12", 12)]
    public void TheOperatorsSetting_IsKept(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;NoResetOnClose=false", false)]
    [InlineData("Host=db;no reset on close=False", false)]
    [InlineData("Host=db;No Reset On Close=true", true)]
    public void TheOperatorsReset_IsKept(string given, bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).NoResetOnClose);

    [Theory]
    [InlineData("Host=db;Minimum Pool Size=0", 0)]
    [InlineData("Host=db;MinPoolSize=5", 5)]
    [InlineData("Host=db;minimum pool size=40", 40)]
    [InlineData("Host=db;Maximum Pool Size=8", 8)]
    public void TheWarmMinimum_GivesWayToTheOperatorsPool(string given, int expected)
    {
        var connectionString = Database.PostgresConnectionString(given);
        var built = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(expected, built.MinPoolSize);
        Assert.True(built.MinPoolSize <= built.MaxPoolSize);

        // Npgsql refuses a minimum above the maximum only when the pool is made.
        using var source = NpgsqlDataSource.Create(connectionString);
    }
}
