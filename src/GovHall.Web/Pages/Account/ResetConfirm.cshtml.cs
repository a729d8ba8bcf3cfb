using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class ResetConfirmModel(ResetPassword reset, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Ticket { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var done = await reset.ConfirmAsync(Ticket, Code, Password, cancellationToken);
        var address = HttpContext.ClientAddressText();
        if (!done.Succeeded)
        {
            var error = done.Errors[0];
            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            await audit.WriteAsync("anonymous", "account.password_reset_refused", null, error.Code, address, false, cancellationToken);
            return Page();
        }

        await audit.WriteAsync(done.Value!.UserName!, "account.password_reset", null, null, address, true, cancellationToken);
        TempData["Notice"] = "密码已重设，所有设备上的登录已退出，请用新密码登录。";
        return Redirect("/account/signin");
    }
}
