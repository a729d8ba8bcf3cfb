using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

// A forgotten staff password is replaced by a temporary one, which the administrator tells the
// person face to face; every session ends. The result is the temporary password.
public sealed class ResetStaffPassword(HallDbContext db, UserManager<Account> users, AuditLog audit)
{
    public async Task<Result<string>> RunAsync(Guid id, StaffAdministrator by, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPassword();
        var reset = await StaffAccountRules.ChangeAsync(db, audit, id, by, "staff.password_reset", async account =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            var changed = await users.ResetPasswordAsync(account, token, temporary);
            if (!changed.Succeeded)
            {
                throw new InvalidOperationException("The temporary password was refused by the password rules.");
            }

            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, cancellationToken);
        return reset.Succeeded ? temporary : Result<string>.Fail(reset.Errors);
    }

    // Thirteen characters: nine from an alphabet without look-alikes, then every class the rules ask for.
    private static string TemporaryPassword()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var body = System.Security.Cryptography.RandomNumberGenerator.GetString(letters, 9);
        return $"{body}Aa7#";
    }
}
