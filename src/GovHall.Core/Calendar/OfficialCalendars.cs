using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Calendar;

// The State Council's holiday arrangements for 2025 (国办发明电〔2024〕12号) and 2026 (published
// 2025-11-04), as the notices list them (docs/architecture.md#work-calendar). Entered at start-up when missing;
// later years are entered by system administrators (/system/calendar).
public static class OfficialCalendars
{
    public static readonly IReadOnlyList<(int Year, string Basis, (string From, string To, string Name)[] Holidays, (string Date, string Name)[] Makeup)> Years =
    [
        (2025, "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
            [("2025-01-01", "2025-01-01", "元旦"), ("2025-01-28", "2025-02-04", "春节"), ("2025-04-04", "2025-04-06", "清明节"),
             ("2025-05-01", "2025-05-05", "劳动节"), ("2025-05-31", "2025-06-02", "端午节"), ("2025-10-01", "2025-10-08", "国庆节、中秋节")],
            [("2025-01-26", "春节调休上班"), ("2025-02-08", "春节调休上班"), ("2025-04-27", "劳动节调休上班"),
             ("2025-09-28", "国庆节调休上班"), ("2025-10-11", "国庆节调休上班")]),
        (2026, "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）",
            [("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"), ("2026-04-04", "2026-04-06", "清明节"),
             ("2026-05-01", "2026-05-05", "劳动节"), ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
             ("2026-10-01", "2026-10-07", "国庆节")],
            [("2026-01-04", "元旦调休上班"), ("2026-02-14", "春节调休上班"), ("2026-02-28", "春节调休上班"), ("2026-05-09", "劳动节调休上班"),
             ("2026-09-20", "国庆节调休上班"), ("2026-10-10", "国庆节调休上班")]),
    ];

    public static IEnumerable<CalendarDay> Days()
    {
        foreach (var (_, _, holidays, makeup) in Years)
        {
            foreach (var (from, to, name) in holidays)
            {
                for (var date = Parse(from); date <= Parse(to); date = date.AddDays(1))
                {
                    yield return new CalendarDay { Date = date, Kind = DayKind.Holiday, Name = name };
                }
            }

            foreach (var (date, name) in makeup)
            {
                yield return new CalendarDay { Date = Parse(date), Kind = DayKind.MakeupWorkday, Name = name };
            }
        }
    }

    public static async Task EnsureAsync(HallDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var entered = await db.CalendarYears.Select(y => y.Year).ToListAsync(cancellationToken);
        foreach (var (year, basis, _, _) in Years.Where(y => !entered.Contains(y.Year)))
        {
            db.CalendarYears.Add(new CalendarYear { Year = year, Basis = basis, EnteredBy = "system", EnteredAt = clock.GetUtcNow().UtcDateTime });
            db.CalendarDays.AddRange(Days().Where(d => d.Date.Year == year));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node may have entered the same years at the same moment; then theirs stand.
            db.ChangeTracker.Clear();
            if (await db.CalendarYears.AsNoTracking().CountAsync(y => Years.Select(o => o.Year).Contains(y.Year), cancellationToken) < Years.Count)
            {
                throw;
            }
        }
    }

    private static DateOnly Parse(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
