using System.Globalization;
using GovHall.Core.Calendar;

namespace GovHall.Tests.Calendar;

// Hand-worked against the State Council notices for 2025 and 2026 (cn-egov-reference.md §5).
public sealed class WorkingDaysTests
{
    private static readonly WorkingDays Official = new(OfficialCalendars.Days(), [2025, 2026]);

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // 2026 春节: 2-15 … 2-23 off; Saturday 2-14 and Saturday 2-28 are makeup workdays.
    [InlineData("2026-02-12", 1, "2026-02-13")]
    [InlineData("2026-02-12", 2, "2026-02-14")]
    [InlineData("2026-02-12", 3, "2026-02-24")]
    [InlineData("2026-02-10", 20, "2026-03-16")]
    // 2026 中秋 9-25 … 9-27 and 国庆 10-1 … 10-7; Sunday 9-20 and Saturday 10-10 are workdays.
    [InlineData("2026-09-18", 1, "2026-09-20")]
    [InlineData("2026-09-18", 2, "2026-09-21")]
    [InlineData("2026-09-24", 1, "2026-09-28")]
    [InlineData("2026-09-30", 1, "2026-10-08")]
    [InlineData("2026-09-30", 3, "2026-10-10")]
    [InlineData("2026-09-30", 4, "2026-10-12")]
    // 2025 春节: 1-28 … 2-4 off; Sunday 1-26 and Saturday 2-8 are workdays.
    [InlineData("2025-01-24", 1, "2025-01-26")]
    [InlineData("2025-01-24", 3, "2025-02-05")]
    [InlineData("2025-01-24", 6, "2025-02-08")]
    [InlineData("2025-01-24", 7, "2025-02-10")]
    // Across the new year: 2026-01-01 … 01-03 off, Sunday 01-04 is a workday.
    [InlineData("2025-12-30", 1, "2025-12-31")]
    [InlineData("2025-12-30", 2, "2026-01-04")]
    [InlineData("2025-12-30", 3, "2026-01-05")]
    // 2025 国庆 + 中秋: 10-1 … 10-8 off; Sunday 9-28 and Saturday 10-11 are workdays.
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    [InlineData("2026-03-02", 0, "2026-03-02")]
    public void Add_CountsOnTheOfficialCalendar(string from, int workingDays, string expected) =>
        Assert.Equal(D(expected), Official.Add(D(from), workingDays).Value);

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Year_Has248WorkingDays(int year) =>
        Assert.Equal(248, Official.Between(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)).Value);

    [Fact]
    public void Add_IntoAYearWithoutCalendar_IsRefusedNotGuessed()
    {
        var result = Official.Add(D("2026-12-28"), 10);
        Assert.False(result.Succeeded);
        Assert.Equal("calendar.year_missing", result.Errors[0].Code);
        Assert.Contains("2027", result.Errors[0].Message, StringComparison.Ordinal);
    }

    // Cases count a year not entered as Monday to Friday (暂定) and say which counts rest on one.
    [Theory]
    // 12-28 (Mon) + 10: 12-29, 30, 31, 1-1 (Fri, counted: 2027 has no arrangement yet), 1-4 … 1-8, 1-11.
    [InlineData("2026-12-28", 10, "2027-01-11", true)]
    // Inside the entered years the provisional count is the official one.
    [InlineData("2026-02-12", 3, "2026-02-24", false)]
    [InlineData("2025-12-30", 2, "2026-01-04", false)]
    public void Provisional_CountsAMissingYearAsWeekdays_AndSaysSo(string from, int workingDays, string expected, bool provisional)
    {
        var due = Official.Provisional.Add(D(from), workingDays).Value;
        Assert.Equal(D(expected), due);
        Assert.Equal(provisional, Official.IsProvisional(D(from), due));
        Assert.Equal(D("2026-12-28"), Official.Provisional.Add(D("2026-12-28"), 0).Value);
        Assert.False(Official.Provisional.IsWorkingDay(D("2027-01-02")).Value);
        Assert.True(Official.Provisional.IsWorkingDay(D("2027-01-01")).Value);
    }
}
