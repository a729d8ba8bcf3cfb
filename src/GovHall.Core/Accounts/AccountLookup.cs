using GovHall.Core.Codes;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Finds an account by what a person types to sign in: an ID number or a mobile phone number
// (through their blind indexes), or a user name (staff, and the demo persons).
public sealed class AccountLookup(HallDbContext db, PersonalData personal)
{
    public string IdNumberIndex(string idNumber) => personal.Index("id-number", IdNumber.Normalize(idNumber));

    public string PhoneIndex(string phone) => personal.Index("phone", MobilePhone.Normalize(phone));

    public Task<Account?> FindAsync(string identifier, CancellationToken cancellationToken)
    {
        var text = identifier.Trim();
        if (IdNumber.Check(text) == CodeCheck.Valid)
        {
            var index = IdNumberIndex(text);
            return db.Users.SingleOrDefaultAsync(a => a.IdNumberIndex == index, cancellationToken);
        }

        if (MobilePhone.IsValid(text))
        {
            var index = PhoneIndex(text);
            return db.Users.SingleOrDefaultAsync(a => a.PhoneIndex == index, cancellationToken);
        }

        var normalized = text.ToUpperInvariant();
        return db.Users.SingleOrDefaultAsync(a => a.NormalizedUserName == normalized, cancellationToken);
    }

    public (string IdNumber, string Phone)? Reveal(Account account) =>
        account.IdNumberProtected is null
            ? null
            : (personal.Unprotect(account.IdNumberProtected), account.PhoneProtected is null ? "" : personal.Unprotect(account.PhoneProtected));
}
