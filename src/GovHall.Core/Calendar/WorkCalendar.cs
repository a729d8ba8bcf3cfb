using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovHall.Core.Calendar;

public enum DayKind { Holiday, MakeupWorkday }

// One exception to the Monday-to-Friday week: a public holiday (休) or a makeup workday (调休上班).
public sealed class CalendarDay
{
    public DateOnly Date { get; init; }
    public DayKind Kind { get; init; }
    public required string Name { get; init; }
}

// A year whose official arrangement (国务院办公厅节假日安排) has been entered. A year that is
// not here has no calendar: the strict count refuses it; cases count it provisionally (暂定)
// as Monday to Friday and are counted again the moment it is entered (RecountDeadlines).
public sealed class CalendarYear
{
    public int Year { get; init; }
    public required string Basis { get; init; }
    public required string EnteredBy { get; init; }
    public DateTime EnteredAt { get; init; }
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("calendar_days");
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Name).HasMaxLength(50);
    }
}

internal sealed class CalendarYearConfiguration : IEntityTypeConfiguration<CalendarYear>
{
    public void Configure(EntityTypeBuilder<CalendarYear> builder)
    {
        builder.ToTable("calendar_years");
        builder.HasKey(y => y.Year);
        builder.Property(y => y.Year).ValueGeneratedNever();
        builder.Property(y => y.Basis).HasMaxLength(300);
        builder.Property(y => y.EnteredBy).HasMaxLength(100);
    }
}

// Counts working days on the official calendar: Monday to Friday, minus public holidays, plus
// makeup workdays. Built from a snapshot of the entered years; pure and cheap to ask.
// The strict count refuses a year that is not entered (the public calendar API answers only
// what the calendar says). Its Provisional twin counts such a year as Monday to Friday instead:
// cases use it, so a deadline always shows, marked 暂定 where IsProvisional says it rests on a
// year not yet entered (issue 23).
public sealed class WorkingDays
{
    private readonly Dictionary<DateOnly, DayKind> exceptions;
    private readonly HashSet<int> years;
    private readonly bool provisional;
    private WorkingDays? provisionalTwin;

    public WorkingDays(IEnumerable<CalendarDay> days, IEnumerable<int> enteredYears)
        : this(days.ToDictionary(d => d.Date, d => d.Kind), [.. enteredYears], provisional: false)
    {
    }

    private WorkingDays(Dictionary<DateOnly, DayKind> exceptions, HashSet<int> years, bool provisional)
    {
        this.exceptions = exceptions;
        this.years = years;
        this.provisional = provisional;
    }

    // The same calendar, counting a year not entered as Monday to Friday.
    public WorkingDays Provisional => provisional ? this : provisionalTwin ??= new WorkingDays(exceptions, years, provisional: true);

    // Whether a count over these dates rests on a year not yet entered.
    public bool IsProvisional(DateOnly from, DateOnly to)
    {
        for (var year = Math.Min(from.Year, to.Year); year <= Math.Max(from.Year, to.Year); year++)
        {
            if (!years.Contains(year))
            {
                return true;
            }
        }

        return false;
    }

    public static readonly Error OutOfRange = new("calendar.out_of_range", "日期超出可计算的范围。");

    public static Error YearMissing(int year) =>
        new("calendar.year_missing", $"{year} 年的节假日安排尚未录入，无法按工作日计算期限。请系统管理员在“工作日历”中录入。") { Kind = ErrorKind.Conflict };

    public bool HasYear(int year) => years.Contains(year);

    // Years that must be entered by now (today in Beijing time): this year always, next year
    // from November, when the State Council publishes it and December cases run into January.
    public IReadOnlyList<int> MissingYears(DateTime chinaToday)
    {
        var wanted = chinaToday.Month >= 11 ? new[] { chinaToday.Year, chinaToday.Year + 1 } : [chinaToday.Year];
        return wanted.Where(y => !years.Contains(y)).ToList();
    }

    public Result<bool> IsWorkingDay(DateOnly date)
    {
        if (!years.Contains(date.Year) && !provisional)
        {
            return YearMissing(date.Year);
        }

        return exceptions.TryGetValue(date, out var kind)
            ? kind == DayKind.MakeupWorkday
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    // The date of the n-th working day after `from` (the day itself does not count, as a
    // deadline "within 20 working days of acceptance" starts the next day). n = 0 gives `from`.
    public Result<DateOnly> Add(DateOnly from, int workingDays)
    {
        if (workingDays < 0 || from.Year < 2000 || from.Year > 2100)
        {
            return OutOfRange;
        }

        if (!years.Contains(from.Year) && !provisional)
        {
            return YearMissing(from.Year);
        }

        var date = from;
        var counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            var working = IsWorkingDay(date);
            if (!working.Succeeded)
            {
                return Result<DateOnly>.Fail(working.Errors);
            }

            if (working.Value)
            {
                counted++;
            }
        }

        return date;
    }

    // Working days after `from` up to and including `to` (negative when `to` is earlier).
    public Result<int> Between(DateOnly from, DateOnly to)
    {
        var (start, end, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var date = start.AddDays(1); date <= end; date = date.AddDays(1))
        {
            var working = IsWorkingDay(date);
            if (!working.Succeeded)
            {
                return Result<int>.Fail(working.Errors);
            }

            count += working.Value ? 1 : 0;
        }

        return sign * count;
    }
}

public sealed class WorkCalendar(HallDbContext db)
{
    public async Task<WorkingDays> LoadAsync(CancellationToken cancellationToken)
    {
        var years = await db.CalendarYears.AsNoTracking().Select(y => y.Year).ToListAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return new WorkingDays(days, years);
    }
}
