using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Calendar;

// A system administrator enters (or corrects) a year's official arrangement as lines of text,
// one per holiday span or makeup workday, as the State Council notice reads:
//   2027-01-01 至 2027-01-03 休 元旦
//   2027-02-07 班 春节调休上班
// Every line is checked; one bad line refuses the whole entry, with its line number. The notice
// arranges the same seven festivals every year, so an entry without one of them is a year half
// entered and is refused, naming what is missing. Check shows what would be saved (for the
// administrator to confirm); RunAsync checks again and saves, and in the same transaction counts
// again every case counted provisionally (RecountDeadlines).
public sealed partial class EnterCalendarYear(HallDbContext db, WorkCalendar calendar, Cases.RecountDeadlines recount, TimeProvider clock)
{
    // Recounted: the open cases whose provisional (暂定) deadlines were counted again on it.
    public sealed record Entered(int Year, int Holidays, int MakeupWorkdays, int Recounted);

    // One line of the entry: a holiday span or a makeup workday.
    public sealed record Span(DateOnly From, DateOnly To, DayKind Kind, string Name)
    {
        public int Days => To.DayNumber - From.DayNumber + 1;
    }

    public sealed record Checked(int Year, string Basis, IReadOnlyList<Span> Spans, int Holidays, int MakeupWorkdays, int WorkingDays);

    // The festivals every notice arranges, as the entry must name them (中秋 and 国庆 may share a span).
    public static readonly string[] Festivals = ["元旦", "春节", "清明", "劳动节", "端午", "中秋", "国庆"];

    // Years that can be entered: the one before this (to correct it) up to two ahead.
    public (int From, int To) Years()
    {
        var now = ChinaDate.Today(clock).Year;
        return (now - 1, now + 2);
    }

    public async Task<Result<Entered>> RunAsync(int year, string? basis, string? lines, string actor, CancellationToken cancellationToken)
    {
        var check = Check(year, basis, lines, out var days);
        if (!check.Succeeded)
        {
            return Result<Entered>.Fail(check.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        await db.CalendarDays.Where(d => d.Date >= start && d.Date <= end).ExecuteDeleteAsync(cancellationToken);
        await db.CalendarYears.Where(y => y.Year == year).ExecuteDeleteAsync(cancellationToken);
        db.CalendarYears.Add(new CalendarYear { Year = year, Basis = basis!.Trim(), EnteredBy = actor, EnteredAt = clock.GetUtcNow().UtcDateTime });
        db.CalendarDays.AddRange(days);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var recounted = await recount.RunAsync(await calendar.LoadAsync(cancellationToken), unknownOnly: false, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Entered(year, check.Value!.Holidays, check.Value.MakeupWorkdays, recounted);
    }

    public Result<Checked> Check(int year, string? basis, string? lines) => Check(year, basis, lines, out _);

    private Result<Checked> Check(int year, string? basis, string? lines, out IReadOnlyList<CalendarDay> entered)
    {
        entered = [];
        var errors = new List<Error>();
        var (first, last) = Years();
        if (year < first || year > last)
        {
            errors.Add(new Error("calendar.year", $"只能录入 {first} 至 {last} 年的安排：国务院办公厅每年年底公布下一年的节假日安排。", "Year"));
        }

        if (string.IsNullOrWhiteSpace(basis) || basis.Length > 300)
        {
            errors.Add(new Error("calendar.basis", "请填写依据（国务院办公厅通知的名称和文号），不超过 300 字。", "Basis"));
        }

        var days = new Dictionary<DateOnly, CalendarDay>();
        var spans = new List<Span>();
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

            spans.Add(new Span(from, to, kind, match.Groups["name"].Value.Trim()));
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

        if (errors.Count == 0)
        {
            var named = spans.Where(x => x.Kind == DayKind.Holiday).Select(x => x.Name).ToList();
            var missing = Festivals.Where(f => !named.Any(n => n.Contains(f, StringComparison.Ordinal))).ToList();
            if (missing.Count > 0)
            {
                errors.Add(new Error("calendar.incomplete",
                    $"这一年的安排不完整，缺少：{string.Join("、", missing)}。国务院办公厅的通知每年安排元旦、春节、清明节、劳动节、端午节、中秋节、国庆节七个节日，请按通知逐段录入（调休上班日一并录入）。", "Lines"));
            }
        }

        if (errors.Count > 0)
        {
            return Result<Checked>.Fail(errors);
        }

        var holidays = days.Values.Count(d => d.Kind == DayKind.Holiday);
        var makeup = days.Values.Count(d => d.Kind == DayKind.MakeupWorkday);
        // Counted as the years' table counts an entered year (CalendarYears), on this entry alone.
        var working = new WorkingDays(days.Values, [year]).Between(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)).Value;

        entered = [.. days.Values];
        return new Checked(year, basis!.Trim(), spans.OrderBy(x => x.From).ToList(), holidays, makeup, working);
    }

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2}-\d{2})(\s*(至|-|~|到)\s*(?<to>\d{4}-\d{2}-\d{2}))?\s+(?<kind>休|班)\s+(?<name>\S.{0,48})$")]
    private static partial Regex Line();
}
