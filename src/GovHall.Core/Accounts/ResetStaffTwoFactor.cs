using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A lost authenticator: the key and recovery codes are dropped, so the person binds a new one
// at the next sign-in; every session ends.
public sealed class ResetStaffTwoFactor(HallDbContext db, UserManager<Account> users, AuditLog audit)
{
    public Task<Result<Account>> RunAsync(Guid id, StaffAdministrator by, CancellationToken cancellationToken) =>
        StaffAccountRules.ChangeAsync(db, audit, id, by, "staff.two_factor_reset", async account =>
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, cancellationToken);
}
