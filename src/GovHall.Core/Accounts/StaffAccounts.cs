using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

public sealed record StaffRow(Guid Id, string UserName, string DisplayName, string? Department, IReadOnlyList<string> Roles, bool TwoFactor, bool Locked);

public sealed record StaffAccountView(Guid Id, string UserName, string DisplayName, Guid? DepartmentId, IReadOnlyList<string> Roles, bool TwoFactor, bool Locked);

// Reads of the staff accounts, as system administrators see them.
public sealed class StaffAccounts(HallDbContext db, UserManager<Account> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffRow>> ListAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().Where(a => a.Kind == AccountKind.Staff).OrderBy(a => a.UserName).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var roles = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name })
            .ToListAsync(cancellationToken);
        return accounts.Select(a => new StaffRow(
            a.Id, a.UserName!, a.DisplayName, a.DepartmentId is { } d ? departments.GetValueOrDefault(d) : null,
            roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).OrderBy(r => r, StringComparer.Ordinal).ToList(),
            a.TwoFactorEnabled, a.LockoutEnd > now)).ToList();
    }

    public async Task<StaffAccountView?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var account = await StaffAccountRules.FindAsync(db, id, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(account);
        return new StaffAccountView(account.Id, account.UserName!, account.DisplayName, account.DepartmentId, [.. roles],
            account.TwoFactorEnabled, account.LockoutEnd > clock.GetUtcNow());
    }

    // The checks of CreateStaffAccount and UpdateStaffAccount, for a form that is shown again
    // with every problem at once when other inputs are already wrong.
    public Task<List<Error>> CheckAsync(StaffDetails details, CancellationToken cancellationToken) =>
        StaffAccountRules.CheckAsync(db, details, cancellationToken);
}
