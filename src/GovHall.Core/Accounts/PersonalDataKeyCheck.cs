using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// Refuses to run with a key other than the one the stored ID numbers and phones were encrypted
// with: a fingerprint of the key (not the key) is kept in the database at first start.
public static class PersonalDataKeyCheck
{
    private const string SettingName = "personal-data-key-fingerprint";

    public static async Task<bool> VerifyAsync(HallDbContext db, PersonalData personal, CancellationToken cancellationToken)
    {
        var fingerprint = personal.Index("key-fingerprint", "govhall");
        var stored = await db.HallSettings.SingleOrDefaultAsync(s => s.Name == SettingName, cancellationToken);
        if (stored is not null)
        {
            return stored.Value == fingerprint;
        }

        db.HallSettings.Add(new HallSetting { Name = SettingName, Value = fingerprint });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
