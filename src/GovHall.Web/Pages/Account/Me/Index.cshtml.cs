using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using GovHall.Core.Codes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// The signed-in person's own account. ID number and phone are shown masked, never in full.
public sealed class IndexModel(UserManager<GovHall.Core.Accounts.Account> users, SignInManager<GovHall.Core.Accounts.Account> signIn,
    AccountLookup lookup, SignOutEverywhere signOutEverywhere, AuditLog audit) : PageModel
{
    public GovHall.Core.Accounts.Account Account { get; private set; } = null!;
    public string? MaskedIdNumber { get; private set; }
    public string? MaskedPhone { get; private set; }
    public IList<string> Roles { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        Account = account;
        if (lookup.Reveal(account) is { } revealed)
        {
            MaskedIdNumber = IdNumber.Mask(revealed.IdNumber);
            MaskedPhone = revealed.Phone.Length > 0 ? MobilePhone.Mask(revealed.Phone) : null;
        }

        Roles = await users.GetRolesAsync(account);
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return Challenge();
        }

        await signOutEverywhere.RunAsync(account, cancellationToken);
        await signIn.SignOutAsync();
        await audit.WriteAsync(account.UserName!, "account.signout_everywhere", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        return Redirect("/account/signin");
    }
}
