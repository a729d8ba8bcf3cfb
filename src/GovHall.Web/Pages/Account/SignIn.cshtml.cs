using System.ComponentModel.DataAnnotations;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

public sealed class SignInModel(
    SignInManager<GovHall.Core.Accounts.Account> signIn, AccountLookup lookup, SignInLimit limit, AuditLog audit, ExternalIdentityOptions external) : PageModel
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<GovHall.Core.Accounts.Account>().HashPassword(new GovHall.Core.Accounts.Account(), Guid.NewGuid().ToString()));

    public ExternalIdentityOptions External => external;

    [BindProperty, Required(ErrorMessage = "请输入账号。"), StringLength(100)]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "请输入密码。"), StringLength(200), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    // Why the person was sent here: their session ended ("session"), while sending a form ("form").
    [BindProperty(SupportsGet = true)]
    public string? Ended { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await lookup.FindAsync(UserName, cancellationToken);
        if (account is null)
        {
            // Hash anyway, so an unknown account takes as long to refuse as a wrong password.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new GovHall.Core.Accounts.Account(), DummyHash.Value, Password);
        }

        // Persons: wrong passwords are limited by address and account together (SignInLimit),
        // never for the device that proved the phone; staff: Identity's lockout.
        var address = HttpContext.ClientAddressText();
        var person = account is { Kind: AccountKind.Person };
        var guess = person && !UnlockedDevice.Holds(HttpContext, account!.Id) ? await limit.TakeAsync(account.Id, address, cancellationToken) : null;
        var limited = guess is { Outcome: not SignInLimit.Outcome.Taken };
        if (limited)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new GovHall.Core.Accounts.Account(), DummyHash.Value, Password);
        }

        var result = account is null || limited
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(account, Password, isPersistent: false, lockoutOnFailure: !person);
        if (guess is { Outcome: SignInLimit.Outcome.Taken } && (result.Succeeded || result.RequiresTwoFactor))
        {
            await limit.GiveBackAsync(guess, cancellationToken);
        }

        var local = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if (result.RequiresTwoFactor)
        {
            await audit.WriteAsync(account!.UserName!, "account.password_ok", null, "second factor required", address, true, cancellationToken);
            return Redirect($"/account/signin/two-factor?returnUrl={Uri.EscapeDataString(local)}");
        }

        if (result.Succeeded)
        {
            await audit.WriteAsync(account!.UserName!, "account.signin", null, null, address, true, cancellationToken);

            // Staff must have a second factor: without one they can only set it up.
            return account.Kind == AccountKind.Staff ? Redirect("/account/me/two-factor") : LocalRedirect(local);
        }

        // Never the typed identifier: it may be an ID number or a phone number.
        var why = guess?.Outcome switch
        {
            SignInLimit.Outcome.AddressLimited => "guesses from this address",
            SignInLimit.Outcome.AccountLimited => "guesses today",
            _ => result.IsLockedOut ? "locked out" : null,
        };
        await audit.WriteAsync(account?.UserName ?? "unknown", "account.signin_failed", null, why, address, false, cancellationToken);

        // The same answer whether the account exists, the password is wrong or it is locked.
        ModelState.AddModelError(string.Empty, "账号或密码不正确，或账号暂时被锁定。请稍后再试。");
        return Page();
    }
}
