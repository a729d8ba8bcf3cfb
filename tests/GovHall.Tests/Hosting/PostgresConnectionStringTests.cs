using GovHall.Web.Hosting.Data;
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

    // Each setting the hall defaults, given by the operator in the usual spellings.
    [Theory]
    [InlineData("Host=db;Maximum Pool Size=64", "Maximum Pool Size", 64)]
    [InlineData("Host=db;MaxPoolSize=4", "Maximum Pool Size", 4)]
    [InlineData("Host=db;maximum pool size=200", "Maximum Pool Size", 200)]
    [InlineData("Host=db;Max Auto Prepare=0", "Max Auto Prepare", 0)]
    [InlineData("Host=db;MaxAutoPrepare=7", "Max Auto Prepare", 7)]
    [InlineData("Host=db;max auto prepare=12", "Max Auto Prepare", 12)]
    [InlineData("Host=db;No Reset On Close=false", "No Reset On Close", false)]
    [InlineData("Host=db;NoResetOnClose=false", "No Reset On Close", false)]
    [InlineData("Host=db;no reset on close=False", "No Reset On Close", false)]
    [InlineData("Host=db;No Reset On Close=true", "No Reset On Close", true)]
    public void TheOperatorsSetting_IsKept(string given, string setting, object expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given))[setting]);

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
