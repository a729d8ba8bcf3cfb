using System.ComponentModel.DataAnnotations;
using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using StaffAccount = GovHall.Core.Accounts.Account;

namespace GovHall.Web.Pages.SystemAdmin.Staff;

// System administrators create staff accounts (never self-registered), set department and
// roles, lock and unlock, and reset second factors; each action is audited with what changed.
public sealed class EditModel(HallDbContext db, UserManager<StaffAccount> users, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty, StringLength(50), RegularExpression("^[A-Za-z][A-Za-z0-9._-]{2,49}$", ErrorMessage = "用户名以字母开头，3 至 50 位字母、数字或 . _ -。")]
    public string? UserName { get; set; }

    [BindProperty, StringLength(50)]
    public string? DisplayName { get; set; }

    [BindProperty]
    public Guid? DepartmentId { get; set; }

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    [BindProperty, StringLength(200)]
    public string? InitialPassword { get; set; }

    public bool IsNew => Id == Guid.Empty;
    public bool TwoFactor { get; private set; }
    public bool Locked { get; private set; }
    public IReadOnlyList<Department> Departments { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(fill: true, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            ModelState.AddModelError(nameof(DisplayName), "请填写姓名。");
        }

        if (SelectedRoles.Count == 0 || SelectedRoles.Any(r => !Roles.All.Contains(r)))
        {
            ModelState.AddModelError(nameof(SelectedRoles), "请至少选择一个角色。");
        }

        if (DepartmentId is { } departmentId && !await db.Departments.AnyAsync(d => d.Id == departmentId, cancellationToken))
        {
            ModelState.AddModelError(nameof(DepartmentId), "部门不存在。");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(fill: false, cancellationToken);
            return Page();
        }

        return IsNew ? await CreateAsync(cancellationToken) : await UpdateAsync(cancellationToken);
    }

    private async Task<IActionResult> CreateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(UserName))
        {
            ModelState.AddModelError(nameof(UserName), "请填写用户名。");
            await LoadAsync(fill: false, cancellationToken);
            return Page();
        }

        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(), Kind = AccountKind.Staff, UserName = UserName.Trim(), DisplayName = DisplayName!.Trim(),
            DepartmentId = DepartmentId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(account, InitialPassword ?? "");
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(InitialPassword) : nameof(UserName),
                    error.Code.StartsWith("Password", StringComparison.Ordinal) ? RegisterPerson.PasswordRules
                    : error.Code == "DuplicateUserName" ? "该用户名已被使用。" : "用户名不符合要求。");
            }

            await LoadAsync(fill: false, cancellationToken);
            return Page();
        }

        await users.AddToRolesAsync(account, SelectedRoles);
        await transaction.CommitAsync(cancellationToken);
        await AuditAsync("staff.created", account, $"roles: {string.Join(",", SelectedRoles.Order(StringComparer.Ordinal))}", cancellationToken);
        Message = "账号已创建。请把用户名和初始密码当面交给本人，首次登录时须绑定两步验证。";
        return Redirect($"/system/staff/{account.Id}");
    }

    private async Task<IActionResult> UpdateAsync(CancellationToken cancellationToken)
    {
        var account = await StaffAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        var before = (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList();
        if (IsSelf(account) && before.Contains(Roles.SystemAdministrator) && !SelectedRoles.Contains(Roles.SystemAdministrator))
        {
            ModelState.AddModelError(nameof(SelectedRoles), "不能取消自己的系统管理角色，请由另一位系统管理员操作。");
            await LoadAsync(fill: false, cancellationToken);
            return Page();
        }

        account.DisplayName = DisplayName!.Trim();
        account.DepartmentId = DepartmentId;
        await users.UpdateAsync(account);
        await users.RemoveFromRolesAsync(account, before.Except(SelectedRoles));
        await users.AddToRolesAsync(account, SelectedRoles.Except(before).Distinct());
        var after = SelectedRoles.Distinct().Order(StringComparer.Ordinal).ToList();
        if (!before.SequenceEqual(after))
        {
            // A change of roles takes effect at once: the old sessions carry the old roles.
            await users.UpdateSecurityStampAsync(account);
            await db.AuthSessions.Where(s => s.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
            await AuditAsync("staff.roles_changed", account, $"{string.Join(",", before)} -> {string.Join(",", after)}", cancellationToken);
        }

        await AuditAsync("staff.updated", account, null, cancellationToken);
        Message = "已保存。";
        return Redirect($"/system/staff/{account.Id}");
    }

    public async Task<IActionResult> OnPostLockAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(async account =>
        {
            await users.SetLockoutEnabledAsync(account, true);
            await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue);
            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, "staff.locked", "账号已锁定，所有登录已退出。", cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(async account =>
        {
            await users.SetLockoutEndDateAsync(account, null);
            await users.ResetAccessFailedCountAsync(account);
        }, "staff.unlocked", "账号已解除锁定。", cancellationToken);

    public async Task<IActionResult> OnPostResetTwoFactorAsync(CancellationToken cancellationToken) =>
        await ChangeAsync(async account =>
        {
            await users.SetTwoFactorEnabledAsync(account, false);
            await users.ResetAuthenticatorKeyAsync(account);
            await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, "staff.two_factor_reset", "两步验证已重置，本人下次登录时须重新绑定。", cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken cancellationToken)
    {
        var temporary = TemporaryPassword();
        return await ChangeAsync(async account =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            var reset = await users.ResetPasswordAsync(account, token, temporary);
            if (!reset.Succeeded)
            {
                throw new InvalidOperationException("The temporary password was refused by the password rules.");
            }

            await SignOutEverywhere.RunAsync(db, users, account, cancellationToken);
        }, "staff.password_reset", $"已设置临时密码：{temporary}　请当面告知本人，并请其登录后在“我的账号”中修改密码。", cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(Func<StaffAccount, Task> change, string action, string message, CancellationToken cancellationToken)
    {
        var account = await StaffAsync(cancellationToken);
        if (account is null)
        {
            return NotFound();
        }

        if (IsSelf(account))
        {
            ModelState.AddModelError(string.Empty, "不能对自己的账号执行锁定、重置密码或重置两步验证，请由另一位系统管理员操作。");
            await LoadAsync(fill: true, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await change(account);
        await AuditAsync(action, account, null, cancellationToken);
        Message = message;
        return Redirect($"/system/staff/{account.Id}");
    }

    private bool IsSelf(StaffAccount account) => users.GetUserId(User) == account.Id.ToString();

    // Thirteen characters: nine from an alphabet without look-alikes, then every class the rules ask for.
    private static string TemporaryPassword()
    {
        const string letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var body = global::System.Security.Cryptography.RandomNumberGenerator.GetString(letters, 9);
        return $"{body}Aa7#";
    }

    private Task<StaffAccount?> StaffAsync(CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(a => a.Id == Id && a.Kind == AccountKind.Staff, cancellationToken);

    private Task AuditAsync(string action, StaffAccount account, string? detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(User.Identity!.Name!, action, account.UserName, detail, HttpContext.ClientAddressText(), true, cancellationToken);

    private async Task<bool> LoadAsync(bool fill, CancellationToken cancellationToken)
    {
        Departments = await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
        if (IsNew)
        {
            return true;
        }

        var account = await StaffAsync(cancellationToken);
        if (account is null)
        {
            return false;
        }

        TwoFactor = account.TwoFactorEnabled;
        Locked = account.LockoutEnd > clock.GetUtcNow();
        UserName = account.UserName;
        if (fill)
        {
            DisplayName = account.DisplayName;
            DepartmentId = account.DepartmentId;
            SelectedRoles = [.. await users.GetRolesAsync(account)];
        }

        return true;
    }
}
