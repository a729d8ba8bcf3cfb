using System.Security.Claims;
using GovHall.Core.Accounts;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace GovHall.Web.Pages.Account.Me;

// Enrolling a TOTP authenticator (required for staff, optional for persons) and recovery codes.
public sealed class TwoFactorModel(UserManager<GovHall.Core.Accounts.Account> users, SignInManager<GovHall.Core.Accounts.Account> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";
    public IEnumerable<string>? RecoveryCodes { get; private set; }
    public string Continue { get; private set; } = "/account/me";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync();
        if (account is null)
        {
            return Challenge();
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(string.Empty, "动态码不正确，请确认手机时间准确后重试。");
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
        Enabled = true;
        await audit.WriteAsync(account.UserName!, "account.two_factor_enabled", null, null, HttpContext.ClientAddressText(), true, cancellationToken);

        // The person just proved the second factor: the session now counts as two-factor.
        await signIn.SignInWithClaimsAsync(account, isPersistent: false, [new Claim("amr", "mfa")]);
        var roles = await users.GetRolesAsync(account);
        Continue = roles.Contains(Roles.CatalogAdministrator) ? "/admin" : roles.Contains(Roles.SystemAdministrator) ? "/system" : "/account/me";
        return Page();
    }

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync(CancellationToken cancellationToken)
    {
        var account = await LoadAsync();
        if (account is null || !account.TwoFactorEnabled)
        {
            return account is null ? Challenge() : Page();
        }

        RecoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 10);
        await audit.WriteAsync(account.UserName!, "account.recovery_codes_renewed", null, null, HttpContext.ClientAddressText(), true, cancellationToken);
        return Page();
    }

    private async Task<GovHall.Core.Accounts.Account?> LoadAsync()
    {
        var account = await users.GetUserAsync(User);
        if (account is null)
        {
            return null;
        }

        Enabled = account.TwoFactorEnabled;
        Required = account.Kind == AccountKind.Staff;
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(account);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(account);
                key = await users.GetAuthenticatorKeyAsync(account);
            }

            SharedKey = string.Join(" ", key!.Chunk(4).Select(c => new string(c)));
            var uri = $"otpauth://totp/{Uri.EscapeDataString("闵行区教育局网上政务大厅")}:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer={Uri.EscapeDataString("闵行区教育局网上政务大厅")}&digits=6";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }

        return account;
    }
}
