using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// A system administrator changes a staff account's name, department and roles. A change of
// roles takes effect at once and is audited with the roles before and after.
public sealed class UpdateStaffAccount(HallDbContext db, UserManager<Account> users, AuditLog audit)
{
    public async Task<Result<Account>> RunAsync(Guid id, StaffDetails details, StaffAdministrator by, CancellationToken cancellationToken)
    {
        var problems = await StaffAccountRules.CheckAsync(db, details, cancellationToken);
        if (problems.Count > 0)
        {
            return Result<Account>.Fail(problems);
        }

        var account = await StaffAccountRules.FindAsync(db, id, cancellationToken);
        if (account is null)
        {
            return StaffErrors.UnknownStaff;
        }

        var before = (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList();
        if (account.Id == by.AccountId && before.Contains(Roles.SystemAdministrator) && !details.Roles.Contains(Roles.SystemAdministrator))
        {
            return StaffErrors.OwnAdministratorRole;
        }

        account.DisplayName = details.DisplayName!.Trim();
        account.DepartmentId = details.DepartmentId;
        await users.UpdateAsync(account);
        await users.RemoveFromRolesAsync(account, before.Except(details.Roles));
        await users.AddToRolesAsync(account, details.Roles.Except(before).Distinct());
        var after = details.Roles.Distinct().Order(StringComparer.Ordinal).ToList();
        if (!before.SequenceEqual(after))
        {
            // A change of roles takes effect at once: the old sessions carry the old roles.
            await users.UpdateSecurityStampAsync(account);
            await db.AuthSessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            await StaffAccountRules.AuditAsync(audit, by, "staff.roles_changed", account, $"{string.Join(",", before)} -> {string.Join(",", after)}", cancellationToken);
        }

        await StaffAccountRules.AuditAsync(audit, by, "staff.updated", account, null, cancellationToken);
        return account;
    }
}
