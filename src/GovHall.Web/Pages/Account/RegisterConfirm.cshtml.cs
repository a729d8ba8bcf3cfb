using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class RegisterConfirmModel(
    RegisterPerson register, OneTimeCodes codes, SignInManager<GovHall.Core.Accounts.Account> signIn, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Registration { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    // Seconds until another code may be asked for (0: now).
    public int WaitSeconds { get; private set; }

    public ResendCode Resend => new(new Dictionary<string, string> { ["Registration"] = Registration.ToString("N"), ["Channel"] = Channel ?? "" }, WaitSeconds);

    public async Task OnGetAsync(CancellationToken cancellationToken) => WaitSeconds = await CodeWait.SecondsAsync(codes, Registration, clock, cancellationToken);

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var resent = await register.ResendAsync(Registration, HttpContext.ClientAddressText(), cancellationToken);
        if (!resent.Succeeded)
        {
            ModelState.AddModelError(string.Empty, resent.Errors[0].Message);
            await OnGetAsync(cancellationToken);
            return Page();
        }

        TempData["Flash"] = "验证码已重新发送。";
        return Redirect($"/account/register/confirm?registration={resent.Value:N}&channel={Channel}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var confirmed = await register.ConfirmAsync(Registration, Code, cancellationToken);
        if (!confirmed.Succeeded)
        {
            var error = confirmed.Errors[0];
            ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            await audit.WriteAsync("anonymous", "account.registration_refused", null, error.Code, HttpContext.ClientAddressText(), false, cancellationToken);
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var account = confirmed.Value!;
        await audit.WriteAsync(account.UserName!, "account.registered", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        await signIn.SignInAsync(account, isPersistent: false);
        TempData["Message"] = "注册成功，欢迎使用网上政务大厅。";
        return Redirect("/account/me");
    }
}
