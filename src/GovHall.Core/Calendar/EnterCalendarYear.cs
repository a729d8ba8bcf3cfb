using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Calendar;

// A system administrator enters (or corrects) a year's official arrangement as lines of text,
// one per holiday span or makeup workday, as the State Council notice reads:
//   2027-01-01 至 2027-01-03 休 元旦
//   2027-02-07 班 春节调休上班
// Every line is checked; one bad line refuses the whole entry, with its line number.
public sealed partial class EnterCalendarYear(HallDbContext db, TimeProvider clock)
{
    public sealed record Entered(int Year, int Holidays, int MakeupWorkdays);

    public async Task<Result<Entered>> RunAsync(int year, string? basis, string? lines, string actor, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        if (year is < 2000 or > 2100)
        {
            errors.Add(new Error("calendar.year", "年份应在 2000 至 2100 之间。", "Year"));
        }

        if (string.IsNullOrWhiteSpace(basis) || basis.Length > 300)
        {
            errors.Add(new Error("calendar.basis", "请填写依据（国务院办公厅通知的名称和文号），不超过 300 字。", "Basis"));
        }

        var days = new Dictionary<DateOnly, CalendarDay>();
        var number = 0;
        foreach (var raw in (lines ?? "").Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var match = Line().Match(line);
            if (!match.Success
                || !DateOnly.TryParseExact(match.Groups["from"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                errors.Add(new Error("calendar.line", $"第 {number} 行格式不对，应为“2027-01-01 至 2027-01-03 休 元旦”或“2027-02-07 班 春节调休上班”。", "Lines"));
                continue;
            }

            var to = from;
            if (match.Groups["to"].Success
                && !DateOnly.TryParseExact(match.Groups["to"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to))
            {
                errors.Add(new Error("calendar.line", $"第 {number} 行的结束日期不对。", "Lines"));
                continue;
            }

            var kind = match.Groups["kind"].Value == "休" ? DayKind.Holiday : DayKind.MakeupWorkday;
            if (from.Year != year || to.Year != year || to < from || to.DayNumber - from.DayNumber > 15)
            {
                errors.Add(new Error("calendar.line", $"第 {number} 行的日期应在 {year} 年内，且一段假期不超过 16 天。", "Lines"));
                continue;
            }

            for (var date = from; date <= to; date = date.AddDays(1))
            {
                if (kind == DayKind.MakeupWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    errors.Add(new Error("calendar.line", $"第 {number} 行：{date:yyyy-MM-dd} 本来就是工作日，不能作为调休上班日。", "Lines"));
                    break;
                }

                if (!days.TryAdd(date, new CalendarDay { Date = date, Kind = kind, Name = match.Groups["name"].Value.Trim() }))
                {
                    errors.Add(new Error("calendar.line", $"第 {number} 行：{date:yyyy-MM-dd} 已在前面出现过。", "Lines"));
                    break;
                }
            }
        }

        if (errors.Count == 0 && !days.Values.Any(d => d.Kind == DayKind.Holiday))
        {
            errors.Add(new Error("calendar.empty", "请至少录入一段法定节假日。", "Lines"));
        }

        if (errors.Count > 0)
        {
            return Result<Entered>.Fail(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        await db.CalendarDays.Where(d => d.Date >= start && d.Date <= end).ExecuteDeleteAsync(cancellationToken);
        await db.CalendarYears.Where(y => y.Year == year).ExecuteDeleteAsync(cancellationToken);
        db.CalendarYears.Add(new CalendarYear { Year = year, Basis = basis!.Trim(), EnteredBy = actor, EnteredAt = clock.GetUtcNow().UtcDateTime });
        db.CalendarDays.AddRange(days.Values);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Entered(year, days.Values.Count(d => d.Kind == DayKind.Holiday), days.Values.Count(d => d.Kind == DayKind.MakeupWorkday));
    }

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})(\s*(至|-|~|到)\s*(?<to>\d{4}-\d{2}-\d{2}))?\s+(?<kind>休|班)\s+(?<name>\S.{0,48})$")]
    private static partial Regex Line();
}
