using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// Locking a staff account has no end date and signs it out everywhere at once.
public sealed class LockStaffAccount(HallDbContext db, UserManager<Account> users, AuditLog audit)
{
    public Task<Result<Account>> RunAsync(Guid id, StaffAdministrator by, CancellationToken cancellationToken) =>
        StaffAccountRules.ChangeAsync(db, audit, id, by, "staff.locked", async account =>
        {
            await users.SetLockoutEnabledAsync(account, true);
            await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue);
            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, cancellationToken);
}
