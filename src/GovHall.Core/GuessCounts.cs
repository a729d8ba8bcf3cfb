using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core;

// Counts of wrong guesses at a secret (a case's phone digits, a person's password) on one China
// day, in the database so that every node and a restart see the same count (DESIGN.md:
// rate-limit state that matters is not in memory). A key starts with its day; housekeeping
// forgets the days before today.
//
// A guess takes its place first (one upsert that answers the new count, so parallel guesses
// cannot get past a limit) and a right guess gives it back: only wrong ones are left counted.
public sealed class GuessCounts(HallDbContext db, TimeProvider clock)
{
    public string KeyOf(params string[] parts) =>
        ChinaDate.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ":" + string.Join(":", parts);

    public async Task<int> TakeAsync(string key, CancellationToken cancellationToken)
    {
        var counts = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO verification_counts ("Key", "Tries") VALUES ({key}, 1)
                ON CONFLICT ("Key") DO UPDATE SET "Tries" = verification_counts."Tries" + 1
                RETURNING "Tries" AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return counts.Single();
    }

    public Task GiveBackAsync(string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""UPDATE verification_counts SET "Tries" = "Tries" - 1 WHERE "Key" = {key} AND "Tries" > 0""", cancellationToken);

    public async Task<int> CountAsync(string key, CancellationToken cancellationToken) =>
        await db.GuessCounts.AsNoTracking().Where(c => c.Key == key).Select(c => (int?)c.Tries).SingleOrDefaultAsync(cancellationToken) ?? 0;

    // Until the next China midnight, when the counts start again.
    public TimeSpan UntilTomorrow()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return ChinaDate.StartUtc(ChinaDate.Of(now).AddDays(1)) - now;
    }

    // Rows of days before today, for housekeeping: a key starts with its day, so they sort first.
    public static Task<int> ForgetBeforeAsync(HallDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var first = today.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ":";
        return db.Database.ExecuteSqlAsync($"""DELETE FROM verification_counts WHERE "Key" < {first}""", cancellationToken);
    }
}

// Wrong guesses under one key on one day: "yyyyMMdd:" + what was guessed at (+ who asked).
public sealed class GuessCount
{
    public required string Key { get; init; }
    public int Tries { get; set; }
}

internal sealed class GuessCountConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<GuessCount>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<GuessCount> builder)
    {
        builder.ToTable("verification_counts");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(120);
    }
}
