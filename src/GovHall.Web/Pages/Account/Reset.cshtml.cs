using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class ResetModel(ResetPassword reset) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? Identifier { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same next page whether or not the account exists.
        var ticket = await reset.StartAsync(Identifier, cancellationToken);
        return Redirect($"/account/reset/confirm?ticket={ticket:N}");
    }
}
