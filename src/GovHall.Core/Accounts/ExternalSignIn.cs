using GovHall.Core.Codes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Sign-in through the district's unified identity (一网通办统一身份认证, OpenID Connect): a
// returning login is recognised by its link; a new one is linked to the person's existing
// account by the ID number the provider vouches for, or becomes a new person account. Staff
// accounts are never reached this way: they sign in here, with their second factor.
public sealed class ExternalSignIn(HallDbContext db, UserManager<Account> users, AccountLookup lookup, PersonalData personal, TimeProvider clock)
{
    public enum Outcome { Returning, Linked, Created }

    public sealed record Identity(string Provider, string Key, string? Name, string? IdNumber, bool IdNumberVerified, string? Phone, bool PhoneVerified);

    public static readonly Error NotVerified = new("external.not_verified", "统一身份认证没有提供经过核验的身份证号码，无法登录。请改用本网站账号登录。");
    public static readonly Error UnverifiedAccount = new("external.unverified_account",
        "该身份证号码已在本网站注册，但注册时未经核验，不能直接与统一身份认证关联。请用本网站账号登录，或携带身份证到办事大厅窗口核验。");

    public static readonly Error StaffAccount = new("external.staff", "工作人员账号不能通过统一身份认证登录，请使用本网站的工作人员登录。");

    public async Task<Result<(Account Account, Outcome Outcome)>> RunAsync(Identity identity, CancellationToken cancellationToken)
    {
        var linked = await users.FindByLoginAsync(identity.Provider, identity.Key);
        if (linked is not null)
        {
            return linked.Kind == AccountKind.Staff ? StaffAccount : (linked, Outcome.Returning);
        }

        if (!identity.IdNumberVerified || IdNumber.Check(identity.IdNumber) != CodeCheck.Valid)
        {
            return NotVerified;
        }

        var idNumber = IdNumber.Normalize(identity.IdNumber);
        var account = await lookup.FindAsync(idNumber, cancellationToken);
        if (account is { Kind: AccountKind.Staff })
        {
            return StaffAccount;
        }

        // Anyone can type someone else's ID number when registering; joining the real person's
        // verified login onto such an account would hand it to whoever registered it.
        if (account is { IdNumberVerified: false })
        {
            return UnverifiedAccount;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = account is null ? Outcome.Created : Outcome.Linked;
        if (account is null)
        {
            var phone = identity.PhoneVerified && MobilePhone.IsValid(identity.Phone) ? MobilePhone.Normalize(identity.Phone) : null;
            var phoneIndex = phone is null ? null : lookup.PhoneIndex(phone);
            if (phoneIndex is not null && await users.Users.AnyAsync(a => a.PhoneIndex == phoneIndex, cancellationToken))
            {
                // The phone belongs to another account: keep the new one without it.
                (phone, phoneIndex) = (null, null);
            }

            account = new Account
            {
                Id = Guid.CreateVersion7(),
                Kind = AccountKind.Person,
                UserName = "p" + Guid.NewGuid().ToString("N")[..16],
                DisplayName = string.IsNullOrWhiteSpace(identity.Name) ? "用户" : identity.Name.Trim()[..Math.Min(50, identity.Name.Trim().Length)],
                IdNumberProtected = personal.Protect(idNumber),
                IdNumberIndex = lookup.IdNumberIndex(idNumber),
                IdNumberVerified = true,
                PhoneProtected = phone is null ? null : personal.Protect(phone),
                PhoneIndex = phoneIndex,
                PhoneNumberConfirmed = phone is not null,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                return new Error("external.not_created", "登录未能完成，请稍后再试。");
            }
        }

        var added = await users.AddLoginAsync(account, new UserLoginInfo(identity.Provider, identity.Key, "统一身份认证"));
        if (!added.Succeeded)
        {
            return new Error("external.not_linked", "登录未能完成，请稍后再试。");
        }

        await transaction.CommitAsync(cancellationToken);
        return (account, outcome);
    }
}
