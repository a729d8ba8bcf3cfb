using GovHall.Web.Hosting;
using Npgsql;

namespace GovHall.Tests.Hosting;

// The hall asks Npgsql to prepare its statements on the server unless the operator's
// connection string says otherwise (0 behind a pooler that cannot keep prepared statements).
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void WithoutASetting_StatementsArePrepared_AndTheRestIsKept()
    {
        var built = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString("Host=db.internal;Port=5433;Database=govhall;Username=govhall;Maximum Pool Size=50"));
        Assert.Equal(Database.DefaultMaxAutoPrepare, built.MaxAutoPrepare);
        Assert.Equal(("db.internal", 5433, "govhall", 50), (built.Host, built.Port, built.Database, built.MaxPoolSize));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    [InlineData("Host=db;max auto prepare=12", 12)]
    public void TheOperatorsSetting_IsKept(string given, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString(given)).MaxAutoPrepare);
}
