using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Preferences;

public sealed class ElderModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(bool on, string? returnUrl)
    {
        if (on)
        {
            Response.Cookies.Append(ElderMode.CookieName, "1", new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365),
            });
        }
        else
        {
            Response.Cookies.Delete(ElderMode.CookieName);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
