using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class RegisterConfirmModel(RegisterPerson register, SignInManager<GovHall.Core.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Registration { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var confirmed = await register.ConfirmAsync(Registration, Code, cancellationToken);
        if (!confirmed.Succeeded)
        {
            var error = confirmed.Errors[0];
            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            await audit.WriteAsync("anonymous", "account.registration_refused", null, error.Code, HttpContext.ClientAddressText(), false, cancellationToken);
            return Page();
        }

        var account = confirmed.Value!;
        await audit.WriteAsync(account.UserName!, "account.registered", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        await signIn.SignInAsync(account, isPersistent: false);
        TempData["Message"] = "注册成功，欢迎使用网上政务大厅。";
        return Redirect("/account/me");
    }
}
