namespace GovHall.Core;

// SQLite lets one connection write at a time. A connection that finds the write lock taken
// waits in SQLite's busy handler, which sleeps (1, 2, 5, 10 ms and longer) between tries, so
// under load the lock sits idle while the writers that want it sleep: a third of the time in
// the submission benchmark (bench/README.md). The hall's busy write paths (submitting,
// handling a case, dispatching notifications) take turns here, in the process, before they
// begin their transaction, and the next one starts the moment the last one ends. Other writers
// still meet the busy handler, as before. On PostgreSQL, which locks rows and not the
// database, every write goes straight on.
public sealed class WriteTurns : IDisposable
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public async ValueTask<Turn> TakeAsync(HallDbContext db, CancellationToken cancellationToken)
    {
        if (!db.OnSqlite)
        {
            return default;
        }

        await turn.WaitAsync(cancellationToken);
        return new Turn(turn);
    }

    public void Dispose() => turn.Dispose();

    // Ends the turn when disposed; the default (PostgreSQL) holds nothing.
    public readonly struct Turn(SemaphoreSlim? taken) : IDisposable
    {
        public void Dispose() => taken?.Release();
    }
}
