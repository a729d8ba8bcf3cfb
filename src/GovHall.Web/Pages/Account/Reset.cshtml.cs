using GovHall.Core.Accounts;
using GovHall.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class ResetModel(ResetPassword reset, IMessageSender messages) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? Identifier { get; set; }

    // In Production codes go out by SMS and mail only: with neither configured, the page says so.
    public bool Unavailable => messages.Channels.Count == 0;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same next page whether or not the account exists.
        var ticket = await reset.StartAsync(Identifier, HttpContext.ClientAddressText(), cancellationToken);
        if (!ticket.Succeeded)
        {
            ModelState.AddModelError(ticket.Errors[0].Field ?? string.Empty, ticket.Errors[0].Message);
            return Page();
        }

        return Redirect($"/account/reset/confirm?ticket={ticket.Value:N}");
    }
}
