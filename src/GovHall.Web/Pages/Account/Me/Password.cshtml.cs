using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// Changing one's own password ends the other sessions (new security stamp) and keeps this one.
public sealed class PasswordModel(UserManager<GovHall.Core.Accounts.Account> users, SignInManager<GovHall.Core.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(200)]
    public string? Current { get; set; }

    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(200)]
    public string? New { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var changed = await users.ChangePasswordAsync(account, Current ?? "", New ?? "");
        var address = HttpContext.ClientAddressText();
        if (!changed.Succeeded)
        {
            var wrongCurrent = changed.Errors.Any(e => e.Code == "PasswordMismatch");
            ModelState.AddModelError(wrongCurrent ? nameof(Current) : nameof(New), wrongCurrent ? "当前密码不正确。" : RegisterPerson.PasswordRules);
            await audit.WriteAsync(account.UserName!, "account.password_change_refused", null, null, address, false, cancellationToken);
            return Page();
        }

        await signIn.RefreshSignInAsync(account);
        await audit.WriteAsync(account.UserName!, "account.password_changed", null, null, address, true, cancellationToken);
        TempData["Message"] = "密码已修改，其他设备上的登录将在一分钟内退出。";
        return Redirect("/account/me");
    }
}
