using GovHall.Core;
using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.SystemAdmin;

// The outbox as administrators see it: how many messages are in each state, and the dead
// letters (and gateway failures) with their last error, to resend after fixing the cause.
public sealed class NotificationsModel(HallDbContext db, NotificationDispatcher dispatcher) : PageModel
{
    public IReadOnlyDictionary<NotificationState, int> Counts { get; private set; } = new Dictionary<NotificationState, int>();
    public IReadOnlyList<Notification> Dead { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Done = TempData["done"] as string;
        Counts = (await db.Notifications.GroupBy(n => n.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        Dead = await db.Notifications.AsNoTracking()
            .Where(n => n.State == NotificationState.Dead || n.State == NotificationState.Failed)
            .OrderByDescending(n => n.CreatedAt).Take(200).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        TempData["done"] = await dispatcher.ResendAsync(id, cancellationToken) ? "已重新排队发送。" : "该消息不在失败列表中。";
        return RedirectToPage();
    }
}
