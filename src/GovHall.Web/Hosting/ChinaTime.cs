namespace GovHall.Web;

// Times are stored in UTC and shown in Beijing time, whatever the server's own time zone is.
public static class ChinaTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime ToChinaTime(this DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime? ToChinaTime(this DateTime? utc) => utc?.ToChinaTime();
}
