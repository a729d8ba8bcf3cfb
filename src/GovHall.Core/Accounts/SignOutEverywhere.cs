using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Ends every session of an account: a new security stamp invalidates every cookie at its next
// validation; deleting the sessions ends them at the very next request.
public sealed class SignOutEverywhere(HallDbContext db, UserManager<Account> users)
{
    public Task RunAsync(Account account, CancellationToken cancellationToken) => RunAsync(db, users, account, cancellationToken);

    // For use cases that end the sessions as one step of their own (a reset, a lock).
    public static async Task RunAsync(HallDbContext db, UserManager<Account> users, Account account, CancellationToken cancellationToken)
    {
        await users.UpdateSecurityStampAsync(account);
        await db.AuthSessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
    }
}
