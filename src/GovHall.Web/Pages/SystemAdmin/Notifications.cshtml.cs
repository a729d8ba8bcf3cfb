using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

// The outbox as administrators see it: how many messages are in each state, and the dead
// letters (and gateway failures) with their last error, to resend after fixing the cause.
public sealed class NotificationsModel(Outbox outbox, NotificationDispatcher dispatcher) : PageModel
{
    public IReadOnlyDictionary<NotificationState, int> Counts { get; private set; } = new Dictionary<NotificationState, int>();
    public IReadOnlyList<Notification> Dead { get; private set; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Done = TempData["done"] as string;
        Counts = await outbox.CountsAsync(cancellationToken);
        Dead = await outbox.UndeliveredAsync(200, cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        TempData["done"] = await dispatcher.ResendAsync(id, cancellationToken) ? "已重新排队发送。" : "该消息不在失败列表中。";
        return RedirectToPage();
    }
}
