using GovHall.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.ViewComponents;

// The number of unread inbox messages beside 站内信 in the header.
public sealed class UnreadCountViewComponent(HallDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (HttpContext.User.Identity?.IsAuthenticated != true)
        {
            return Content("");
        }

        var accountId = HttpContext.User.AccountId();
        var unread = await db.InboxMessages.CountAsync(m => m.AccountId == accountId && m.ReadAt == null, HttpContext.RequestAborted);
        return unread == 0 ? Content("") : new Microsoft.AspNetCore.Mvc.ViewComponents.HtmlContentViewComponentResult(
            new Microsoft.AspNetCore.Html.HtmlString($"<span class=\"badge\" id=\"unread\" aria-label=\"{unread} 条未读\">{unread}</span>"));
    }
}
