namespace GovHall.Web;

// The elder-friendly mode (适老化: larger text, higher contrast, bigger targets) is remembered
// in a cookie so it holds across pages and works without JavaScript.
public static class ElderMode
{
    public const string CookieName = "govhall.elder";
}
