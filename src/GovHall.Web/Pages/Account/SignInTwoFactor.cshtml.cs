using System.ComponentModel.DataAnnotations;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class SignInTwoFactorModel(SignInManager<GovHall.Core.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty, Required(ErrorMessage = "请输入动态码。"), StringLength(20)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/signin") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null)
        {
            return Redirect("/account/signin");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim());
        var address = HttpContext.ClientAddressText();
        if (result.Succeeded)
        {
            await audit.WriteAsync(account.UserName!, "account.signin", null, "with second factor", address, true, cancellationToken);
            // Staff who came to the sign-in on its own land on their workbench (StaffHome).
            if (Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/")
            {
                return LocalRedirect(ReturnUrl!);
            }

            return LocalRedirect(account.Kind == GovHall.Core.Accounts.AccountKind.Staff ? StaffHome.For(await signIn.UserManager.GetRolesAsync(account)) : "/");
        }

        await audit.WriteAsync(account.UserName!, "account.signin_failed", null, result.IsLockedOut ? "second factor, locked out" : "second factor", address, false, cancellationToken);
        ModelState.AddModelError(string.Empty, "动态码不正确或已过期，请重试。");
        return Page();
    }
}
