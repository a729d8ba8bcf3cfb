using GovHall.Core.Accounts;
using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class IndexModel(StaffAccounts staff, Outbox outbox, GovHall.Core.Calendar.WorkCalendar calendar, TimeProvider clock) : PageModel
{
    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public IReadOnlyList<int> MissingYears { get; private set; } = [];
    public int DeadNotifications { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        MissingYears = (await calendar.LoadAsync(cancellationToken)).MissingYears(clock.GetUtcNow().UtcDateTime.ToChinaTime());
        DeadNotifications = await outbox.UndeliveredCountAsync(cancellationToken);
        Staff = await staff.ListAsync(cancellationToken);
    }
}
