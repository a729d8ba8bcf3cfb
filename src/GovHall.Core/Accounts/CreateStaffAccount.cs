using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;

namespace GovHall.Core.Accounts;

public sealed record NewStaffAccount(string? UserName, StaffDetails Details, string? InitialPassword);

// Staff accounts are created by a system administrator, never self-registered: the account and
// its roles are written together, and the audit entry lists the roles given.
public sealed class CreateStaffAccount(HallDbContext db, UserManager<Account> users, AuditLog audit, TimeProvider clock)
{
    public async Task<Result<Account>> RunAsync(NewStaffAccount input, StaffAdministrator by, CancellationToken cancellationToken)
    {
        var problems = await StaffAccountRules.CheckAsync(db, input.Details, cancellationToken);
        if (problems.Count > 0)
        {
            return Result<Account>.Fail(problems);
        }

        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            return StaffErrors.UserNameRequired;
        }

        var account = new Account
        {
            Id = Guid.CreateVersion7(), Kind = AccountKind.Staff, UserName = input.UserName.Trim(), DisplayName = input.Details.DisplayName!.Trim(),
            DepartmentId = input.Details.DepartmentId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, input.InitialPassword ?? "");
        if (!created.Succeeded)
        {
            return Result<Account>.Fail(created.Errors.Select(ErrorOf).ToList());
        }

        await users.AddToRolesAsync(account, input.Details.Roles);
        await transaction.CommitAsync(cancellationToken);
        await StaffAccountRules.AuditAsync(audit, by, "staff.created", account,
            $"roles: {string.Join(",", input.Details.Roles.Order(StringComparer.Ordinal))}", cancellationToken);
        return account;
    }

    private static Error ErrorOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? StaffErrors.Password
        : error.Code == "DuplicateUserName" ? StaffErrors.UserNameTaken
        : StaffErrors.UserNameInvalid;
}
