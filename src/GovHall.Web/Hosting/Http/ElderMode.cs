namespace GovHall.Web.Hosting.Http;

// The elder-friendly mode (适老化: larger text, higher contrast, bigger targets) is remembered
// in a cookie so it holds across pages and works without JavaScript.
public static class ElderMode
{
    public const string CookieName = "govhall.elder";

    // A page whose form holds typed answers names that form here (ViewData): the header's
    // switch then sends the form, which saves what was typed before the page comes back. Enter
    // in a field presses the form's first button in the document, which would now be the
    // header's: so the layout puts the form's own default (next=Default) before it.
    public const string FormKey = "ElderSwitchForm";

    // Default: the value of next= that Enter means (null: the form's unnamed submit button);
    // SwitchAction: where the switch sends the form, when not to the form's own action.
    public sealed record PageForm(string Id, string? Default, string? SwitchAction = null);

    public static void Set(HttpResponse response, bool on)
    {
        if (on)
        {
            response.Cookies.Append(CookieName, "1", new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365),
            });
        }
        else
        {
            response.Cookies.Delete(CookieName);
        }
    }
}
