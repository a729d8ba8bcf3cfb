using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// Unlocking also forgets the failed sign-ins that may have locked the account.
public sealed class UnlockStaffAccount(HallDbContext db, UserManager<Account> users, AuditLog audit)
{
    public Task<Result<Account>> RunAsync(Guid id, StaffAdministrator by, CancellationToken cancellationToken) =>
        StaffAccountRules.ChangeAsync(db, audit, id, by, "staff.unlocked", async account =>
        {
            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
        }, cancellationToken);
}
