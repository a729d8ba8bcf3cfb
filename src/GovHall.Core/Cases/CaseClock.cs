using GovHall.Core.Calendar;
using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

public enum Warning { None, Yellow, Red }

// The deadline engine. The statutory clock starts at acceptance (受理): the deadline is the
// limit counted from the day after acceptance, in working days on the official calendar or in
// calendar days, as the item says. Time suspended for a special procedure (特别程序) does not
// count, and an approved extension (延期, 行政许可法 Art. 42) adds to the limit; both simply
// lengthen the count, so the deadline is always recomputed from the same three numbers.
public static class CaseClock
{
    // The due date `limit` (plus `extraDays` in the same unit) after `start`. A period counted in
    // calendar days that ends on a day off ends on the next working day instead
    // (民法典 Art. 203: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
    public static Result<DateOnly> Due(WorkingDays days, DateOnly start, TimeLimit limit, int extraDays = 0)
    {
        var count = limit.Value + extraDays;
        if (limit.Unit == LimitUnit.WorkingDays)
        {
            return days.Add(start, count);
        }

        if (count < 0 || start.Year < 2000 || start.Year > 2100)
        {
            return WorkingDays.OutOfRange;
        }

        var date = start.AddDays(count);
        while (true)
        {
            var working = days.IsWorkingDay(date);
            if (!working.Succeeded)
            {
                return Result<DateOnly>.Fail(working.Errors);
            }

            if (working.Value)
            {
                return date;
            }

            date = date.AddDays(1);
        }
    }

    // Days that a suspension from `suspendedOn` to `resumedOn` takes out of the count, in the
    // given unit: the days after the suspension up to and including the day of resumption
    // (the day the procedure starts still counts; the day it ends does not).
    public static Result<int> Suspended(WorkingDays days, DateOnly suspendedOn, DateOnly resumedOn, LimitUnit unit) =>
        unit == LimitUnit.WorkingDays
            ? days.Between(suspendedOn, resumedOn)
            : resumedOn.DayNumber - suspendedOn.DayNumber;

    // The statutory and promised deadlines from acceptance, lengthened by the time suspended
    // (in each limit's own unit) and, for the statutory one, by an approved extension; null
    // where a year's calendar is missing.
    public static (DateOnly? Statutory, DateOnly? Promised) Deadlines(
        WorkingDays days, DateOnly acceptedOn, TimeLimit statutory, TimeLimit promised, int extensionDays, int suspendedWorkingDays, int suspendedCalendarDays)
    {
        int Suspended(LimitUnit unit) => unit == LimitUnit.WorkingDays ? suspendedWorkingDays : suspendedCalendarDays;
        var statutoryDue = Due(days, acceptedOn, statutory, extensionDays + Suspended(statutory.Unit));
        var promisedDue = Due(days, acceptedOn, promised, Suspended(promised.Unit));
        return (statutoryDue.Succeeded ? statutoryDue.Value : null, promisedDue.Succeeded ? promisedDue.Value : null);
    }

    // A step's start after a suspension: moved forward by the time suspended, in the unit of the
    // step's own allotment (by calendar days where a year's calendar is missing).
    public static DateOnly ShiftedStart(WorkingDays days, DateOnly started, LimitUnit unit, int suspendedWorkingDays, int suspendedCalendarDays)
    {
        var shifted = unit == LimitUnit.WorkingDays
            ? days.Add(started, suspendedWorkingDays)
            : Result<DateOnly>.Ok(started.AddDays(suspendedCalendarDays));
        return shifted.Succeeded ? shifted.Value : started.AddDays(suspendedCalendarDays);
    }

    // Working days from today to the due date: positive while time is left, 0 on the last day,
    // negative once it has passed.
    // A due date that fell on a Friday is already late on the Saturday: past the date the
    // answer is at least one day late, whatever the weekend makes of the count.
    public static Result<int> Remaining(WorkingDays days, DateOnly today, DateOnly due)
    {
        var between = days.Between(today, due);
        return between.Succeeded && today > due ? Math.Min(between.Value, -1) : between;
    }

    // Days left in the unit the limit is given in (issue 23: never "30 个自然日" beside "剩余 3
    // 个工作日"): calendar days simply, working days on the calendar as above.
    public static Result<int> Remaining(WorkingDays days, DateOnly today, DateOnly due, LimitUnit unit) =>
        unit == LimitUnit.CalendarDays ? due.DayNumber - today.DayNumber : Remaining(days, today, due);

    public static string RemainingText(int remaining, LimitUnit unit)
    {
        var name = unit == LimitUnit.CalendarDays ? "个自然日" : "个工作日";
        return remaining >= 0 ? $"剩余 {remaining} {name}" : $"超期 {-remaining} {name}";
    }

    public static Warning Level(int remaining, int yellowDays) =>
        remaining < 0 ? Warning.Red : remaining <= yellowDays ? Warning.Yellow : Warning.None;

    public static string RemainingText(int remaining) =>
        remaining >= 0 ? $"剩余 {remaining} 个工作日" : $"超期 {-remaining} 个工作日";
}
