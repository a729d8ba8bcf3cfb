using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class ResetConfirmModel(ResetPassword reset, OneTimeCodes codes, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Ticket { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    // Seconds until another code may be asked for (0: now).
    public int WaitSeconds { get; private set; }

    public ResendCode Resend => new(new Dictionary<string, string> { ["Ticket"] = Ticket.ToString("N") }, WaitSeconds);

    public async Task OnGetAsync(CancellationToken cancellationToken) => WaitSeconds = await CodeWait.SecondsAsync(codes, Ticket, clock, cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var resent = await reset.ResendAsync(Ticket, HttpContext.ClientAddressText(), cancellationToken);
        if (!resent.Succeeded)
        {
            ModelState.AddModelError(string.Empty, resent.Errors[0].Message);
            await OnGetAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = "如果该账号存在，验证码已重新发送。";
        return Redirect($"/account/reset/confirm?ticket={resent.Value:N}");
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
            await OnGetAsync(cancellationToken);
            return Page();
        }

        await audit.WriteAsync(done.Value!.UserName!, "account.password_reset", null, null, address, true, cancellationToken);
        TempData["Flash"] = "密码已重设，所有设备上的登录已退出，请用新密码登录。";
        return Redirect("/account/signin");
    }
}
