using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

public sealed class OneTimeCodes(HallDbContext db, PersonalData personal, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static readonly Error Expired = new("code.expired", "验证码已过期，请重新获取。", "Code");
    public static readonly Error Used = new("code.used", "验证码已使用过，请重新获取。", "Code");
    public static readonly Error Wrong = new("code.wrong", "验证码不正确。", "Code");
    public static readonly Error TooManyAttempts = new("code.locked", "验证码输错次数过多，请重新获取。", "Code");

    // Adds the code row to the context; the caller saves it with whatever else it writes.
    public (OneTimeCode Row, string Code) Issue(CodePurpose purpose, Guid? accountId, string? payloadProtected)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.CreateVersion7();
        var row = new OneTimeCode
        {
            Id = id, Purpose = purpose, AccountId = accountId, PayloadProtected = payloadProtected,
            CodeHash = HashOf(id, code), CreatedAt = now, ExpiresAt = now + Lifetime,
        };
        db.OneTimeCodes.Add(row);
        return (row, code);
    }

    // Checks a code and, if right, marks it used. Both the failure count and the "used" mark are
    // single conditional UPDATEs, so parallel guesses cannot get past five tries and one code
    // cannot be used twice. Callers that create something with the code run this inside their
    // transaction, so a failure after it gives the code back.
    public async Task<Result<OneTimeCode>> UseAsync(Guid id, CodePurpose purpose, string? code, CancellationToken cancellationToken)
    {
        var row = await db.OneTimeCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Purpose == purpose, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            return Wrong;
        }

        if (row.UsedAt is not null)
        {
            return Used;
        }

        if (row.ExpiresAt <= now)
        {
            return Expired;
        }

        if (row.FailedAttempts >= OneTimeCode.MaxAttempts)
        {
            return TooManyAttempts;
        }

        var given = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(HashOf(row.Id, given)), System.Text.Encoding.ASCII.GetBytes(row.CodeHash)))
        {
            await db.OneTimeCodes.Where(c => c.Id == id && c.FailedAttempts < OneTimeCode.MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
            var attempts = await db.OneTimeCodes.AsNoTracking().Where(c => c.Id == id).Select(c => c.FailedAttempts).SingleAsync(cancellationToken);
            return attempts >= OneTimeCode.MaxAttempts ? TooManyAttempts : Wrong;
        }

        var marked = await db.OneTimeCodes
            .Where(c => c.Id == id && c.UsedAt == null && c.FailedAttempts < OneTimeCode.MaxAttempts && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return marked == 1 ? row : Used;
    }

    private string HashOf(Guid id, string code) => personal.Index("one-time-code", $"{id:N}:{code}");
}
