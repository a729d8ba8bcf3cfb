using GovHall.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// The system administrator acting on staff accounts: who (for the rules about one's own
// account and for the audit entry) and from which address.
public sealed record StaffAdministrator(Guid AccountId, string UserName, string? Address);

// What a system administrator sets on a staff account, new or existing.
public sealed record StaffDetails(string? DisplayName, Guid? DepartmentId, IReadOnlyList<string> Roles);

// Fields name the inputs of the staff page (UserName, DisplayName, DepartmentId, SelectedRoles, InitialPassword).
public static class StaffErrors
{
    public static readonly Error UnknownStaff = Error.NotFound("staff.not_found", "没有找到该工作人员账号。");
    public static readonly Error DisplayNameRequired = new("staff.display_name_required", "请填写姓名。", "DisplayName");
    public static readonly Error RoleRequired = new("staff.role_required", "请至少选择一个角色。", "SelectedRoles");
    public static readonly Error UnknownDepartment = new("staff.department_not_found", "部门不存在。", "DepartmentId");
    public static readonly Error UserNameRequired = new("staff.user_name_required", "请填写用户名。", "UserName");
    public static readonly Error UserNameTaken = new("staff.user_name_taken", "该用户名已被使用。", "UserName");
    public static readonly Error UserNameInvalid = new("staff.user_name_invalid", "用户名不符合要求。", "UserName");
    public static readonly Error Password = new("staff.password", RegisterPerson.PasswordRules, "InitialPassword");
    public static readonly Error OwnAdministratorRole = new("staff.own_administrator_role", "不能取消自己的系统管理角色，请由另一位系统管理员操作。", "SelectedRoles");
    public static readonly Error OwnAccount = new("staff.own_account", "不能对自己的账号执行锁定、重置密码或重置两步验证，请由另一位系统管理员操作。");
}

// The steps every staff use case shares: the checks of the details, finding the account (staff
// only), and the audit entry, which names the account by user name.
internal static class StaffAccountRules
{
    public static async Task<List<Error>> CheckAsync(HallDbContext db, StaffDetails details, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(details.DisplayName))
        {
            errors.Add(StaffErrors.DisplayNameRequired);
        }

        if (details.Roles.Count == 0 || details.Roles.Any(r => !Roles.All.Contains(r)))
        {
            errors.Add(StaffErrors.RoleRequired);
        }

        if (details.DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            errors.Add(StaffErrors.UnknownDepartment);
        }

        return errors;
    }

    public static Task<Account?> FindAsync(HallDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(a => a.Id == id && a.Kind == AccountKind.Staff, cancellationToken);

    public static Task AuditAsync(AuditLog audit, StaffAdministrator by, string action, Account account, string? detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(by.UserName, action, account.UserName, detail, by.Address, true, cancellationToken);

    // Locking, unlocking and the resets: never on one's own account, so that an administrator
    // cannot lock themselves out and a second administrator sees every such change.
    public static async Task<Result<Account>> ChangeAsync(
        HallDbContext db, AuditLog audit, Guid id, StaffAdministrator by, string action, Func<Account, Task> change, CancellationToken cancellationToken)
    {
        var account = await FindAsync(db, id, cancellationToken);
        if (account is null)
        {
            return StaffErrors.UnknownStaff;
        }

        if (account.Id == by.AccountId)
        {
            return StaffErrors.OwnAccount;
        }

        await change(account);
        await AuditAsync(audit, by, action, account, null, cancellationToken);
        return account;
    }
}
