using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account;

// POST starts the OpenID Connect sign-in at the district's identity provider; GET with
// handler=Callback finishes it: link by verified ID number, or create a person account.
public sealed class ExternalModel(
    SignInManager<GovHall.Core.Accounts.Account> signIn, ExternalSignIn externalSignIn, ExternalIdentityOptions options, AuditLog audit) : PageModel
{
    public string? Problem { get; private set; }

    public IActionResult OnGet() => Redirect("/account/signin");

    public IActionResult OnGetFailed()
    {
        Problem = "统一身份认证没有完成（可能已取消或超时），请重新登录。";
        return Page();
    }

    public IActionResult OnPost(string? returnUrl)
    {
        if (!options.Enabled)
        {
            return NotFound();
        }

        var local = Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        var properties = signIn.ConfigureExternalAuthenticationProperties(
            ExternalIdentityOptions.Scheme, $"/account/external?handler=Callback&returnUrl={Uri.EscapeDataString(local)}");
        return Challenge(properties, ExternalIdentityOptions.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        var address = HttpContext.ClientAddressText();
        if (info is null)
        {
            Problem = "统一身份认证没有完成，请重新登录。";
            return Page();
        }

        string? Claim(string type) => info.Principal.FindFirst(type)?.Value;
        var identity = new ExternalSignIn.Identity(
            info.LoginProvider, info.ProviderKey, Claim("name"), Claim(options.IdNumberClaim),
            string.Equals(Claim(options.IdNumberVerifiedClaim), "true", StringComparison.OrdinalIgnoreCase),
            Claim("phone_number"), string.Equals(Claim("phone_number_verified"), "true", StringComparison.OrdinalIgnoreCase));
        var result = await externalSignIn.RunAsync(identity, cancellationToken);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded)
        {
            Problem = result.Errors[0].Message;
            await audit.WriteAsync("external", "account.external_signin_refused", null, result.Errors[0].Code, address, false, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (account, outcome) = result.Value;
        await signIn.SignInAsync(account, isPersistent: false, authenticationMethod: ExternalIdentityOptions.Scheme);
        var action = outcome switch
        {
            ExternalSignIn.Outcome.Created => "account.external_created",
            ExternalSignIn.Outcome.Linked => "account.external_linked",
            ExternalSignIn.Outcome.Returning => "account.signin",
        };
        await audit.WriteAsync(account.UserName!, action, null, "unified identity", address, true, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/account/me");
    }
}
