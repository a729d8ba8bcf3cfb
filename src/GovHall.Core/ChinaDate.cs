namespace GovHall.Core;

// The calendar day in Beijing, whatever the server's own time zone: case numbers, "today" in
// form rules and deadlines are all counted on China's calendar.
public static class ChinaDate
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime ToChinaTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly Of(DateTime utc) => DateOnly.FromDateTime(ToChinaTime(utc));

    public static DateOnly Today(TimeProvider clock) => Of(clock.GetUtcNow().UtcDateTime);

    // When a China day begins, in UTC.
    public static DateTime StartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), Zone);
}
