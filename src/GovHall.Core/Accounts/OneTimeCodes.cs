using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Accounts;

// How many codes one network address may ask for in an hour (GovHall:Codes). The limits per
// phone or mailbox are the ones Chinese sites use against SMS bombing and are not settings.
public sealed class CodeLimitSettings
{
    public int PerAddressPerHour { get; set; } = 30;
}

public sealed class OneTimeCodes(HallDbContext db, PersonalData personal, TimeProvider clock, CodeLimitSettings limits)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    // One code per phone or mailbox per minute, and at most ten a day (China time).
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(60);
    public const int PerTargetPerDay = 10;

    public static readonly Error Expired = new("code.expired", "验证码已过期，请重新获取。", "Code");
    public static readonly Error Used = new("code.used", "验证码已使用过，请重新获取。", "Code");
    public static readonly Error Wrong = new("code.wrong", "验证码不正确。", "Code");
    public static readonly Error TooManyAttempts = new("code.locked", "验证码输错次数过多，请重新获取。", "Code");

    public static Error TooSoon(TimeSpan wait) =>
        new("code.too_soon", $"验证码已发送，请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再重新获取。");

    public static readonly Error DailyLimit = new("code.daily_limit", $"该号码（邮箱）今天已获取 {PerTargetPerDay} 次验证码，请明天再试。");
    public static readonly Error AddressLimit = new("code.address_limit", "您所在的网络获取验证码过于频繁，请一小时后再试。");

    // A code to ask for: what it is for, whose it is, what it carries (encrypted), where it goes
    // (a phone or mailbox, for the limits) and which network address asked.
    public sealed record Request(CodePurpose Purpose, Guid? AccountId, string? PayloadProtected, string Target, string? AskedFrom);

    // Refuses a code the limits do not allow (nothing is written then); otherwise adds the code
    // row to the context, for the caller to save with the message that carries it.
    public async Task<Result<(OneTimeCode Row, string Code)>> IssueAsync(Request request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var target = TargetIndex(request.Target);
        var asked = request.AskedFrom is { Length: > 0 } address ? personal.Index("code-asked-from", address) : null;
        if (await NextAllowedAtAsync(target, cancellationToken) is { } next && next > now)
        {
            return TooSoon(next - now);
        }

        var dayStart = ChinaDate.StartUtc(ChinaDate.Of(now));
        if (await db.OneTimeCodes.CountAsync(c => c.TargetIndex == target && c.CreatedAt >= dayStart, cancellationToken) >= PerTargetPerDay)
        {
            return DailyLimit;
        }

        var hourAgo = now.AddHours(-1);
        if (asked is not null && await db.OneTimeCodes.CountAsync(c => c.AskedFromIndex == asked && c.CreatedAt >= hourAgo, cancellationToken) >= limits.PerAddressPerHour)
        {
            return AddressLimit;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var id = Guid.CreateVersion7();
        var row = new OneTimeCode
        {
            Id = id, Purpose = request.Purpose, AccountId = request.AccountId, PayloadProtected = request.PayloadProtected,
            TargetIndex = target, AskedFromIndex = asked,
            CodeHash = HashOf(id, code), CreatedAt = now, ExpiresAt = now + Lifetime,
        };
        db.OneTimeCodes.Add(row);
        return (row, code);
    }

    // When the code's phone or mailbox may be sent another: for the page that says so.
    public async Task<DateTime?> NextAllowedAtAsync(Guid codeId, CancellationToken cancellationToken) =>
        await db.OneTimeCodes.AsNoTracking().Where(c => c.Id == codeId).Select(c => c.TargetIndex).SingleOrDefaultAsync(cancellationToken) is { } target
            ? await NextAllowedAtAsync(target, cancellationToken)
            : null;

    // A code not yet used and not expired, with what it carries: for sending another like it.
    public Task<OneTimeCode?> FindOpenAsync(Guid id, CodePurpose purpose, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.OneTimeCodes.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Purpose == purpose && c.UsedAt == null && c.CreatedAt > now - TimeSpan.FromHours(1), cancellationToken);
    }

    private async Task<DateTime?> NextAllowedAtAsync(string target, CancellationToken cancellationToken)
    {
        var last = await db.OneTimeCodes.AsNoTracking().Where(c => c.TargetIndex == target)
            .OrderByDescending(c => c.CreatedAt).Select(c => (DateTime?)c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return last + Spacing;
    }

    private string TargetIndex(string target) => personal.Index("code-target", target.Trim().ToLowerInvariant());

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
