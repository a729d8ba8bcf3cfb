using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Cases;

// How often one case's timeline may be asked for with phone digits in a day (China time),
// whoever asks and from however many addresses: the per-address rate limit alone would let
// the 10,000 possible digits be tried from a few hundred addresses in minutes. Counted only
// for codes that exist, which the code alone already reveals; an unknown code stays a plain
// "not found". The count is a database row (one upsert per try), so every node of a hall and
// a restart see the same count (DESIGN.md: rate-limit state that matters is not in memory).
public sealed class VerificationLimit(HallDbContext db, TimeProvider clock, VerificationSettings settings)
{
    public const int DefaultPerDay = 20;

    public int PerDay => settings.PerDay;

    // Takes one try for the case; false when today's are used up.
    public async Task<bool> TryTakeAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var key = KeyOf(ChinaDate.Today(clock), trackingCode);
        var tries = await db.Database
            .SqlQuery<int>($"""
                INSERT INTO verification_counts ("Key", "Tries") VALUES ({key}, 1)
                ON CONFLICT ("Key") DO UPDATE SET "Tries" = verification_counts."Tries" + 1
                RETURNING "Tries" AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return tries.Single() <= PerDay;
    }

    // Until the next China midnight, when the count starts again.
    public TimeSpan UntilTomorrow()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tomorrow = ChinaDate.Of(now).AddDays(1).ToDateTime(TimeOnly.MinValue);
        return tomorrow - ChinaDate.ToChinaTime(now);
    }

    // Rows of days before today, for housekeeping: a key starts with its day, so they sort first.
    public static Task<int> ForgetBeforeAsync(HallDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var first = KeyOf(today, "");
        return db.Database.ExecuteSqlAsync($"""DELETE FROM verification_counts WHERE "Key" < {first}""", cancellationToken);
    }

    private static string KeyOf(DateOnly day, string trackingCode) =>
        day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ":" + trackingCode;
}

public sealed record VerificationSettings(int PerDay);

// Tries at one case's phone digits on one day: "yyyyMMdd:" + tracking code.
public sealed class VerificationCount
{
    public required string Key { get; init; }
    public int Tries { get; set; }
}

internal sealed class VerificationCountConfiguration : IEntityTypeConfiguration<VerificationCount>
{
    public void Configure(EntityTypeBuilder<VerificationCount> builder)
    {
        builder.ToTable("verification_counts");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(40);
    }
}
