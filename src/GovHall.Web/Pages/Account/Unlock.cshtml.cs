using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using GovHall.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

// A person stopped by the password guessing limits proves their phone with a one-time code;
// this device may then sign in again (UnlockedDevice).
public sealed class UnlockModel(UnlockAccount unlock, IMessageSender messages, AuditLog audit) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? Identifier { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Ticket { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool Unavailable => messages.Channels.Count == 0;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        if (Unavailable || !ModelState.IsValid)
        {
            return Page();
        }

        var started = await unlock.StartAsync(Identifier, HttpContext.ClientAddressText(), cancellationToken);
        if (!started.Succeeded)
        {
            ModelState.AddModelError(string.Empty, started.Errors[0].Message);
            return Page();
        }

        return Redirect($"/account/unlock?ticket={started.Value:N}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Ticket is not { } ticket)
        {
            return Page();
        }

        var done = await unlock.ConfirmAsync(ticket, Code, cancellationToken);
        if (!done.Succeeded)
        {
            ModelState.AddModelError(string.Empty, done.Errors[0].Message);
            await audit.WriteAsync("anonymous", "account.unlock_refused", null, done.Errors[0].Code, HttpContext.ClientAddressText(), false, cancellationToken);
            return Page();
        }

        UnlockedDevice.Remember(HttpContext, done.Value!.Id);
        await audit.WriteAsync(done.Value.UserName!, "account.unlocked", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        TempData["Flash"] = "验证成功。本设备可以继续登录该账号；如果不是您本人输错了密码，建议登录后修改密码。";
        return Redirect("/account/signin");
    }
}
