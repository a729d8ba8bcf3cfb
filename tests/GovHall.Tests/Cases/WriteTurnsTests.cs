using GovHall.Core;
using GovHall.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// On SQLite the busy write paths take turns in the process; on PostgreSQL they do not wait.
public abstract class WriteTurnsTests(HallFactory hall) : HallTest(hall)
{
    protected abstract bool Waits { get; }

    [Fact]
    public async Task ASecondTurn_WaitsForTheFirst_OnlyOnSqlite()
    {
        var turns = Hall.Services.GetRequiredService<WriteTurns>();
        await using var scope = Hall.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();

        // A turn that does not wait is taken before TakeAsync returns; one that waits comes back
        // unfinished, and nothing but the first turn's end can finish it. So the answer is
        // known the moment TakeAsync returns, with nothing to wait for.
        var first = await turns.TakeAsync(db, Cancel);
        var second = turns.TakeAsync(db, Cancel).AsTask();
        Assert.Equal(!Waits, second.IsCompleted);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Dispose();
        (await turns.TakeAsync(db, Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Dispose();
    }
}

public sealed class WriteTurnsTests_Sqlite(SqliteHall hall) : WriteTurnsTests(hall), IClassFixture<SqliteHall>
{
    protected override bool Waits => true;
}

public sealed class WriteTurnsTests_Postgres(PostgresHall hall) : WriteTurnsTests(hall), IClassFixture<PostgresHall>
{
    protected override bool Waits => false;
}
