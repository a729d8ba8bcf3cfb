using GovHall.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class ResetModel(ResetPassword reset, IWebHostEnvironment environment) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? Identifier { get; set; }

    // Codes go out only through the development mailbox until SMS and mail channels exist
    // (the notifications issue); in Production the page says so instead of taking details.
    public bool Unavailable => environment.IsProduction();

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
        var ticket = await reset.StartAsync(Identifier, cancellationToken);
        return Redirect($"/account/reset/confirm?ticket={ticket:N}");
    }
}
