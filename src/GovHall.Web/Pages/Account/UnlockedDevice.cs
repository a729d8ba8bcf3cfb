using Microsoft.AspNetCore.DataProtection;

namespace GovHall.Web.Pages.Account;

// The device on which a person proved their phone with an unlock code: for twelve hours the
// guessing limits on their password (SignInLimit) do not stop sign-ins from it. The cookie
// names the account, encrypted and signed by the hall's data protection.
internal static class UnlockedDevice
{
    private const string Cookie = "govhall.unlocked";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static ITimeLimitedDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("GovHall.UnlockedDevice").ToTimeLimitedDataProtector();

    public static void Remember(HttpContext context, Guid accountId) =>
        context.Response.Cookies.Append(Cookie, Protector(context).Protect(accountId.ToString("N"), Lifetime), new CookieOptions
        {
            HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, Path = "/account", MaxAge = Lifetime,
        });

    public static bool Holds(HttpContext context, Guid accountId)
    {
        if (context.Request.Cookies[Cookie] is not { Length: > 0 and < 1000 } value)
        {
            return false;
        }

        try
        {
            return Protector(context).Unprotect(value, out _) == accountId.ToString("N");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
