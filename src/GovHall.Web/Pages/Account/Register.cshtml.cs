using System.ComponentModel.DataAnnotations;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using GovHall.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class RegisterModel(RegisterPerson register, AuditLog audit, IMessageSender messages) : PageModel
{
    [BindProperty, StringLength(50)]
    public string? Name { get; set; }

    [BindProperty, StringLength(30)]
    public string? IdNumber { get; set; }

    [BindProperty, StringLength(20)]
    public string? Phone { get; set; }

    [BindProperty, StringLength(100)]
    public string? Email { get; set; }

    [BindProperty, StringLength(200)]
    public string? Password { get; set; }

    [BindProperty, StringLength(200)]
    public string? ConfirmPassword { get; set; }

    [BindProperty]
    public MessageChannel Channel { get; set; } = MessageChannel.Sms;

    // In Production codes go out by SMS and mail only: with neither configured, the page says so
    // instead of taking details.
    public bool Unavailable => messages.Channels.Count == 0;

    public IReadOnlySet<MessageChannel> Channels => messages.Channels;


    public void OnGet()
    {
        if (!Channels.Contains(Channel) && Channels.Count > 0)
        {
            Channel = Channels.First();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            return Page();
        }

        if (!Enum.IsDefined(Channel))
        {
            ModelState.AddModelError(nameof(Channel), "请选择接收验证码的方式。");
        }

        if (Password != ConfirmPassword)
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "两次输入的密码不一致。");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var started = await register.StartAsync(new RegisterPerson.Input(Name, IdNumber, Phone, Email, Password, Channel), HttpContext.ClientAddressText(), cancellationToken);
        if (!started.Succeeded)
        {
            foreach (var error in started.Errors)
            {
                ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            }

            return Page();
        }

        await audit.WriteAsync("anonymous", "account.registration_started", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        return Redirect($"/account/register/confirm?registration={started.Value:N}&channel={Channel}");
    }
}
