using System.ComponentModel.DataAnnotations;
using GovHall.Core;
using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin.Staff;

// System administrators create staff accounts (never self-registered), set department and
// roles, lock and unlock, and reset second factors; each use case audits what changed.
public sealed class EditModel(StaffAccounts staff, GovHall.Core.Accounts.Departments departments) : PageModel
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

    public async Task<IActionResult> OnPostSaveAsync([FromServices] CreateStaffAccount create, [FromServices] UpdateStaffAccount update, CancellationToken cancellationToken)
    {
        var details = new StaffDetails(DisplayName, DepartmentId, SelectedRoles);
        if (!ModelState.IsValid)
        {
            return await RefuseAsync(await staff.CheckAsync(details, cancellationToken), cancellationToken);
        }

        var saved = IsNew
            ? await create.RunAsync(new NewStaffAccount(UserName, details, InitialPassword), Administrator, cancellationToken)
            : await update.RunAsync(Id, details, Administrator, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Errors[0].Kind == ErrorKind.NotFound ? NotFound() : await RefuseAsync(saved.Errors, cancellationToken);
        }

        Message = IsNew ? "账号已创建。请把用户名和初始密码当面交给本人，首次登录时须绑定两步验证。" : "已保存。";
        return Redirect($"/system/staff/{saved.Value!.Id}");
    }

    public async Task<IActionResult> OnPostLockAsync([FromServices] LockStaffAccount lockAccount, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await lockAccount.RunAsync(Id, Administrator, cancellationToken), _ => "账号已锁定，所有登录已退出。", cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync([FromServices] UnlockStaffAccount unlock, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await unlock.RunAsync(Id, Administrator, cancellationToken), _ => "账号已解除锁定。", cancellationToken);

    public async Task<IActionResult> OnPostResetTwoFactorAsync([FromServices] ResetStaffTwoFactor reset, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await reset.RunAsync(Id, Administrator, cancellationToken), _ => "两步验证已重置，本人下次登录时须重新绑定。", cancellationToken);

    public async Task<IActionResult> OnPostResetPasswordAsync([FromServices] ResetStaffPassword reset, CancellationToken cancellationToken) =>
        await AfterChangeAsync(await reset.RunAsync(Id, Administrator, cancellationToken),
            temporary => $"已设置临时密码：{temporary}　请当面告知本人，并请其登录后在“我的账号”中修改密码。", cancellationToken);

    private StaffAdministrator Administrator => new(User.AccountId(), User.Identity!.Name!, HttpContext.ClientAddressText());

    private async Task<IActionResult> AfterChangeAsync<T>(Result<T> changed, Func<T, string> message, CancellationToken cancellationToken)
    {
        if (changed.Succeeded)
        {
            Message = message(changed.Value!);
            return Redirect($"/system/staff/{Id}");
        }

        if (changed.Errors[0].Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, changed.Errors[0].Message);
        await LoadAsync(fill: true, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> RefuseAsync(IReadOnlyList<Error> errors, CancellationToken cancellationToken)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
        }

        await LoadAsync(fill: false, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(bool fill, CancellationToken cancellationToken)
    {
        Departments = await departments.ListAsync(cancellationToken);
        if (IsNew)
        {
            return true;
        }

        var account = await staff.FindAsync(Id, cancellationToken);
        if (account is null)
        {
            return false;
        }

        (TwoFactor, Locked, UserName) = (account.TwoFactor, account.Locked, account.UserName);
        if (fill)
        {
            DisplayName = account.DisplayName;
            DepartmentId = account.DepartmentId;
            SelectedRoles = [.. account.Roles];
        }

        return true;
    }
}
