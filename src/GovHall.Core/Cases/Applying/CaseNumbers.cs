using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public static class CaseNumbers
{
    // 办件编号: implementation code + yyyyMMdd + a sequence of at least four digits, per item
    // and day (docs/architecture.md), counted by one upsert statement (RETURNING: SQLite 3.35+,
    // PostgreSQL), so a number is never given twice and the first case of a day needs no retry.
    // On PostgreSQL the number is taken in its own commit just before the case's transaction:
    // inside it, the counter row of a busy item would stay locked for the whole submission,
    // which serialised every submission of the item (bench/README.md). On SQLite, whose writers
    // take turns anyway, it is taken inside the case's transaction, which saves a commit (an
    // fsync) per submission. A submission that fails after taking its number in its own commit
    // leaves a gap; numbers are for reporting, not for counting.
    public static async Task<string> NextAsync(HallDbContext db, string itemCode, DateOnly day, CancellationToken cancellationToken)
    {
        var prefix = itemCode + day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return prefix + (await TakeAsync(db, prefix, cancellationToken)).ToString("D4", CultureInfo.InvariantCulture);
    }

    // The next number of one counter (1 for a new one), in the caller's transaction if any.
    public static async Task<int> TakeAsync(HallDbContext db, string counter, CancellationToken cancellationToken) =>
        (await db.Database
            .SqlQuery<int>($"""
                INSERT INTO case_number_counters ("Prefix", "Last") VALUES ({counter}, 1)
                ON CONFLICT ("Prefix") DO UPDATE SET "Last" = case_number_counters."Last" + 1
                RETURNING "Last" AS "Value"
                """)
            .ToListAsync(cancellationToken)).Single();
}
