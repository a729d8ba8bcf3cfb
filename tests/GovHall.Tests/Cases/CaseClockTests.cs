using System.Globalization;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;

namespace GovHall.Tests.Cases;

// The deadline engine, hand-worked against the State Council notices for 2025 and 2026
// (OfficialCalendars.cs). Day numbers in the comments count working days after acceptance.
public sealed class CaseClockTests
{
    private static readonly WorkingDays Official = new(OfficialCalendars.Days(), [2025, 2026]);

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeLimit Limit(int value, LimitUnit unit = LimitUnit.WorkingDays) => new() { Value = value, Unit = unit };

    [Theory]
    // No holiday in the way: accepted Monday 3-2, 20 working days are four whole weeks.
    [InlineData("2026-03-02", "2026-03-30")]
    // 2026 春节 (2-15 … 2-23 off, Saturdays 2-14 and 2-28 worked), accepted Friday 2-13: 2-14 is
    // day 1, 2-24 … 2-27 days 2–5, 2-28 day 6, 3-2 … 3-13 days 7–16, 3-16 … 3-19 days 17–20.
    [InlineData("2026-02-13", "2026-03-19")]
    // 2026 中秋 9-25 … 9-27 and 国庆 10-1 … 10-7 (Sunday 9-20 and Saturday 10-10 worked), accepted
    // Friday 9-18: 9-20 day 1, 9-21 … 9-24 days 2–5, 9-28 … 9-30 days 6–8, 10-8 … 10-10 days 9–11,
    // 10-12 … 10-16 days 12–16, 10-19 … 10-22 days 17–20.
    [InlineData("2026-09-18", "2026-10-22")]
    // 2025 春节 (1-28 … 2-4 off, Sunday 1-26 and Saturday 2-8 worked), accepted Monday 1-20:
    // 1-21 … 1-24 days 1–4, 1-26 day 5, 1-27 day 6, 2-5 … 2-8 days 7–10, 2-10 … 2-21 days 11–20.
    [InlineData("2025-01-20", "2025-02-21")]
    // 2025 国庆+中秋 (10-1 … 10-8 off, Sunday 9-28 and Saturday 10-11 worked), accepted Monday 9-22:
    // 9-23 … 9-26 days 1–4, 9-28 day 5, 9-29 and 9-30 days 6–7, 10-9 … 10-11 days 8–10,
    // 10-13 … 10-24 days 11–20.
    [InlineData("2025-09-22", "2025-10-24")]
    public void Due_TwentyWorkingDays_SkipsHolidaysAndCountsMakeupDays(string accepted, string expected) =>
        Assert.Equal(D(expected), CaseClock.Due(Official, D(accepted), Limit(20)).Value);

    [Theory]
    // Accepted Tuesday 9-15, due 10-19 (9-16 … 9-18, 9-20, 9-21 … 9-24, 9-28 … 9-30, 10-8 … 10-10,
    // 10-12 … 10-16, 10-19). Suspended 9-29, resumed 10-9: only 9-30, 10-8 and 10-9 were working
    // days (国庆 10-1 … 10-7 is not suspended time), so the deadline moves 3 working days to 10-22.
    [InlineData("2026-09-15", "2026-09-29", "2026-10-09", 3, "2026-10-22")]
    // Accepted Tuesday 2-10, due 3-16. Suspended Thursday 2-26, resumed Monday 3-2: 2-27, the makeup
    // Saturday 2-28 and 3-2 are 3 working days (an ordinary Thursday to Monday has 2): due 3-19.
    [InlineData("2026-02-10", "2026-02-26", "2026-03-02", 3, "2026-03-19")]
    // Accepted Monday 2025-1-20, due 2-21. Suspended over 2025 春节 from Friday 1-24 to Monday 2-10:
    // 1-26, 1-27, 2-5, 2-6, 2-7, 2-8 and 2-10 are 7 working days in 17 calendar days; 2-21 plus
    // 2-24 … 2-28, 3-3 and 3-4 gives 3-4.
    [InlineData("2025-01-20", "2025-01-24", "2025-02-10", 7, "2025-03-04")]
    public void Due_AfterSuspension_MovesByExactlyTheSuspendedWorkingDays(
        string accepted, string suspendedOn, string resumedOn, int suspendedDays, string expected)
    {
        var suspended = CaseClock.Suspended(Official, D(suspendedOn), D(resumedOn), LimitUnit.WorkingDays);
        Assert.Equal(suspendedDays, suspended.Value);

        var unsuspended = CaseClock.Due(Official, D(accepted), Limit(20)).Value;
        var due = CaseClock.Due(Official, D(accepted), Limit(20), suspended.Value).Value;
        Assert.Equal(D(expected), due);
        Assert.Equal(suspendedDays, Official.Between(unsuspended, due).Value);
    }

    [Fact]
    public void Suspended_InCalendarDays_IsThePlainDayDifference() =>
        // 9-29 to 10-9 is 10 calendar days, holidays or not.
        Assert.Equal(10, CaseClock.Suspended(Official, D("2026-09-29"), D("2026-10-09"), LimitUnit.CalendarDays).Value);

    [Theory]
    // Accepted Friday 2-6: 2-9 … 2-13 days 1–5, makeup Saturday 2-14 day 6, 春节 2-15 … 2-23 off,
    // 2-24 … 2-27 days 7–10, makeup Saturday 2-28 day 11, 3-2 … 3-12 days 12–20.
    [InlineData(0, "2026-03-12")]
    // An extension of 10 working days (行政许可法 Art. 42) adds 3-13 and 3-16 … 3-20 and 3-23 … 3-26.
    [InlineData(10, "2026-03-26")]
    public void Due_WithExtension_AddsWorkingDaysAcrossSpringFestival(int extension, string expected) =>
        Assert.Equal(D(expected), CaseClock.Due(Official, D("2026-02-06"), Limit(20), extension).Value);

    [Fact]
    public void Due_WithExtensionAndSuspension_AddsBoth()
    {
        // Accepted 9-15, due 10-19; 3 working days suspended over 国庆 (as above) and 10 extended:
        // the 13 working days after 10-19 are 10-20 … 10-23, 10-26 … 10-30 and 11-2 … 11-5.
        var suspended = CaseClock.Suspended(Official, D("2026-09-29"), D("2026-10-09"), LimitUnit.WorkingDays).Value;
        Assert.Equal(D("2026-11-05"), CaseClock.Due(Official, D("2026-09-15"), Limit(20), 10 + suspended).Value);
    }

    [Theory]
    // An ordinary Wednesday stays: 3-2 + 30 = 4-1.
    [InlineData("2026-03-02", 0, "2026-04-01")]
    // 9-2 + 30 = Friday 10-2, inside 国庆 10-1 … 10-7: the period ends on 10-8 (民法典 Art. 203).
    [InlineData("2026-09-02", 0, "2026-10-08")]
    // 2025: 9-5 + 30 = Sunday 10-5, inside 国庆+中秋 10-1 … 10-8: 10-9.
    [InlineData("2025-09-05", 0, "2025-10-09")]
    // 1-16 + 30 = 2-15, the first day of 春节 2-15 … 2-23: 2-24.
    [InlineData("2026-01-16", 0, "2026-02-24")]
    // 4-17 + 30 = Sunday 5-17: Monday 5-18.
    [InlineData("2026-04-17", 0, "2026-05-18")]
    // 9-10 + 30 = Saturday 10-10, a makeup workday: the period ends that Saturday.
    [InlineData("2026-09-10", 0, "2026-10-10")]
    // Extra days count in the same unit: 9-2 + 30 + 8 = 10-10, the makeup Saturday again.
    [InlineData("2026-09-02", 8, "2026-10-10")]
    public void Due_ThirtyCalendarDays_EndingOnADayOff_MovesToTheNextWorkingDay(string accepted, int extra, string expected) =>
        Assert.Equal(D(expected), CaseClock.Due(Official, D(accepted), Limit(30, LimitUnit.CalendarDays), extra).Value);

    [Theory]
    // 12-20 + 30 working days runs past 12-31 (only 9 working days left in 2026) into 2027.
    [InlineData("2026-12-20", LimitUnit.WorkingDays)]
    [InlineData("2027-01-05", LimitUnit.WorkingDays)]
    // 12-15 + 30 calendar days = 2027-01-14, which cannot be checked for a holiday.
    [InlineData("2026-12-15", LimitUnit.CalendarDays)]
    [InlineData("2027-03-01", LimitUnit.CalendarDays)]
    public void Due_IntoAYearWithoutCalendar_IsRefused(string accepted, LimitUnit unit)
    {
        var result = CaseClock.Due(Official, D(accepted), Limit(30, unit));
        Assert.False(result.Succeeded);
        Assert.Equal("calendar.year_missing", result.Errors[0].Code);
        Assert.Contains("2027", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    // A limit in calendar days counts calendar days left, and says so (issue 23).
    [InlineData("2026-09-30", "2026-10-09", 9, "剩余 9 个自然日")]
    [InlineData("2026-10-09", "2026-10-09", 0, "剩余 0 个自然日")]
    [InlineData("2026-10-12", "2026-10-09", -3, "超期 3 个自然日")]
    public void Remaining_InCalendarDays_CountsAndNamesCalendarDays(string today, string due, int remaining, string text)
    {
        var result = CaseClock.Remaining(Official, D(today), D(due), LimitUnit.CalendarDays);
        Assert.Equal(remaining, result.Value);
        Assert.Equal(text, CaseClock.RemainingText(result.Value, LimitUnit.CalendarDays));
        Assert.Equal(CaseClock.RemainingText(2), CaseClock.RemainingText(2, LimitUnit.WorkingDays));
    }

    [Theory]
    // Working days after today up to and including the due date; yellow from 3 days left.
    // 3-10 … 3-13 and 3-16 … 3-19: 8 left.
    [InlineData("2026-03-09", "2026-03-19", 8, Warning.None, "剩余 8 个工作日")]
    // Only 10-8 and 10-9 are working days after 9-30 (国庆 in between).
    [InlineData("2026-09-30", "2026-10-09", 2, Warning.Yellow, "剩余 2 个工作日")]
    // Before 春节: 2-14 (makeup Saturday) and 2-24.
    [InlineData("2026-02-13", "2026-02-24", 2, Warning.Yellow, "剩余 2 个工作日")]
    [InlineData("2026-10-09", "2026-10-09", 0, Warning.Yellow, "剩余 0 个工作日")]
    // Due Friday 3-13: Saturday and Sunday add no working day, yet the case is already late.
    [InlineData("2026-03-14", "2026-03-13", -1, Warning.Red, "超期 1 个工作日")]
    [InlineData("2026-03-15", "2026-03-13", -1, Warning.Red, "超期 1 个工作日")]
    [InlineData("2026-03-16", "2026-03-13", -1, Warning.Red, "超期 1 个工作日")]
    [InlineData("2026-03-17", "2026-03-13", -2, Warning.Red, "超期 2 个工作日")]
    // Due Friday 10-9, today the makeup Saturday 10-10: a working day late.
    [InlineData("2026-10-10", "2026-10-09", -1, Warning.Red, "超期 1 个工作日")]
    // Due Friday 2-13, back after 春节 on 2-24: the makeup Saturday 2-14 and 2-24 were missed.
    [InlineData("2026-02-24", "2026-02-13", -2, Warning.Red, "超期 2 个工作日")]
    public void Remaining_CountsWorkingDaysLeftOrLate(string today, string due, int remaining, Warning level, string text)
    {
        var result = CaseClock.Remaining(Official, D(today), D(due));
        Assert.Equal(remaining, result.Value);
        Assert.Equal(level, CaseClock.Level(result.Value, 3));
        Assert.Equal(text, CaseClock.RemainingText(result.Value));
    }

    [Theory]
    [InlineData(-1, 3, Warning.Red)]
    [InlineData(0, 3, Warning.Yellow)]
    [InlineData(3, 3, Warning.Yellow)]
    [InlineData(4, 3, Warning.None)]
    [InlineData(0, 0, Warning.Yellow)]
    [InlineData(1, 0, Warning.None)]
    public void Level_IsRedWhenLateAndYellowWithinTheWarningDays(int remaining, int yellowDays, Warning expected) =>
        Assert.Equal(expected, CaseClock.Level(remaining, yellowDays));

    [Fact]
    public void Remaining_IntoAYearWithoutCalendar_IsRefused() =>
        Assert.Equal("calendar.year_missing", CaseClock.Remaining(Official, D("2026-12-28"), D("2027-01-08")).Errors[0].Code);
}
