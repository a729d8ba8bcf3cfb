using GovHall.Core;
using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class IndexModel(HallDbContext db, GovHall.Core.Calendar.WorkCalendar calendar, TimeProvider clock) : PageModel
{
    public sealed record StaffRow(Guid Id, string UserName, string DisplayName, string? Department, IReadOnlyList<string> Roles, bool TwoFactor, bool Locked);

    public IReadOnlyList<StaffRow> Staff { get; private set; } = [];
    public IReadOnlyList<int> MissingYears { get; private set; } = [];
    public int DeadNotifications { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        MissingYears = (await calendar.LoadAsync(cancellationToken)).MissingYears(now.UtcDateTime.ToChinaTime());
        DeadNotifications = await db.Notifications.CountAsync(
            n => n.State == GovHall.Core.Notifications.NotificationState.Dead || n.State == GovHall.Core.Notifications.NotificationState.Failed, cancellationToken);
        var accounts = await db.Users.AsNoTracking().Where(a => a.Kind == AccountKind.Staff).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var roles = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name })
            .ToListAsync(cancellationToken);
        Staff = accounts.Select(a => new StaffRow(
            a.Id, a.UserName!, a.DisplayName, a.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).OrderBy(r => r, StringComparer.Ordinal).ToList(),
            a.TwoFactorEnabled, a.LockoutEnd > now)).ToList();
    }
}
