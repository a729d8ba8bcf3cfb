namespace GovHall.Web.Hosting.Http;

// Times are stored in UTC and shown in Beijing time, whatever the server's own time zone is.
public static class ChinaTime
{
    public static DateTime ToChinaTime(this DateTime utc) => Core.ChinaDate.ToChinaTime(utc);

    public static DateTime? ToChinaTime(this DateTime? utc) => utc?.ToChinaTime();
}
