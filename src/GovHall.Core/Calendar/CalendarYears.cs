using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Calendar;

public sealed record CalendarYearRow(int Year, int Holidays, int Makeup, int WorkingDays, string Basis, string EnteredBy);

// The years entered into the work calendar, each with its counts of days and its basis.
public sealed class CalendarYears(HallDbContext db)
{
    public async Task<IReadOnlyList<CalendarYearRow>> ListAsync(WorkingDays working, CancellationToken cancellationToken)
    {
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return (await db.CalendarYears.AsNoTracking().OrderBy(y => y.Year).ToListAsync(cancellationToken))
            .Select(y => new CalendarYearRow(
                y.Year,
                days.Count(d => d.Date.Year == y.Year && d.Kind == DayKind.Holiday),
                days.Count(d => d.Date.Year == y.Year && d.Kind == DayKind.MakeupWorkday),
                working.Between(new DateOnly(y.Year - 1, 12, 31), new DateOnly(y.Year, 12, 31)) is { Succeeded: true } count ? count.Value : 0,
                y.Basis, y.EnteredBy))
            .ToList();
    }
}
