using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

public sealed class OrganizationsModel(Organizations organizations, UserManager<GovHall.Core.Accounts.Account> users, AuditLog audit) : PageModel
{
    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(100)]
    public string? Name { get; set; }

    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(30)]
    public string? CreditCode { get; set; }

    [BindProperty, System.ComponentModel.DataAnnotations.StringLength(50)]
    public string? LegalRepresentative { get; set; }

    public IReadOnlyList<(Organization Organization, MemberRole Role)> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        Memberships = await organizations.OfAccountAsync(account.Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        var registered = await organizations.RegisterAsync(account, new Organizations.Input(Name, CreditCode, LegalRepresentative), cancellationToken);
        if (!registered.Succeeded)
        {
            foreach (var error in registered.Errors)
            {
                ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            }

            Memberships = await organizations.OfAccountAsync(account.Id, cancellationToken);
            return Page();
        }

        await audit.WriteAsync(account.UserName!, "organization.registered", registered.Value!.CreditCode, null, HttpContext.ClientAddressText(), true, cancellationToken);
        return Redirect($"/account/me/organizations/{registered.Value.Id}");
    }
}
