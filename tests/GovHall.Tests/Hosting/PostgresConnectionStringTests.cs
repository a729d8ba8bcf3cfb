using GovHall.Web.Hosting;
using Npgsql;

namespace GovHall.Tests.Hosting;

// The hall asks Npgsql to prepare its statements on the server, and to keep a warm minimum of
// connections, unless the operator's connection string says otherwise (0 behind a pooler that
// cannot keep prepared statements; a pool sized to the database server).
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void WithoutASetting_StatementsArePrepared_AndTheRestIsKept()
    {
        var built = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db.internal;Port=5433;Database=govhall;Username=govhall;Maximum Pool Size=50"));
        Assert.Equal(Database.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(Database.DefaultMinPoolSize, built.MinPoolSize);
        Assert.Equal(("db.internal", 5433, "govhall", 50), (built.Host, built.Port, built.Database, built.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    [InlineData("Host=db;max auto prepare=12", 12)]
    public void TheOperatorsSetting_IsKept(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db;Minimum Pool Size=0", 0)]
    [InlineData("Host=db;MinPoolSize=5", 5)]
    [InlineData("Host=db;minimum pool size=40", 40)]
    [InlineData("Host=db;Maximum Pool Size=8", 8)]
    public void TheWarmMinimum_GivesWayToTheOperatorsPool(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).MinPoolSize);
}
