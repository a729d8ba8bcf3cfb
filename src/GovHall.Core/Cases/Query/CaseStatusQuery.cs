using System.Security.Cryptography;
using System.Text;
using GovHall.Core.Accounts;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public sealed record CaseTimelineEntry(DateTime At, CaseAction Action, string Text, string? Reason);

// What the one code shows. Without verification: the item, the stage, key dates and the
// deadline, nothing personal. With the last four digits of the contact phone: the timeline too.
public sealed record CaseStatus(
    string TrackingCode,
    string ItemCode,
    string ItemName,
    CaseStage Stage,
    DateTime SubmittedAt,
    DateTime? AcceptedAt,
    DateOnly? Deadline,
    bool DeadlineProvisional,
    DateTime? ConcludedAt,
    string PromisedLimit,
    string? CaseNumber,
    IReadOnlyList<CaseTimelineEntry>? Timeline);

// The one-code query (一码查询). An unknown code and a wrong phone answer alike, and take the
// same work: one lookup by key and, when a phone was given, one decryption and one comparison.
// Wrong phone digits are limited by the asking address and the case together (VerificationLimit).
public sealed class CaseStatusQuery(HallDbContext db, PersonalData personal, VerificationLimit limit)
{
    public static readonly Error NotFound = Error.NotFound("case.not_found", "没有找到相符的办件。请核对查询码；填写了手机号后四位的，也请一并核对。");

    private const string OwnerWay = "只输入查询码仍可查看办理进度；申请人可向申请时预留的手机发送验证码查看办理过程，或登录后在“我的办件”查看。";

    public Error AddressLimited => Error.TooMany(
        "query.verification_limited", $"您今天核对这个查询码的手机号已输错 {limit.PerAddressPerDay} 次，为保护申请人，请明天再试。{OwnerWay}");

    public Error CaseLimited => Error.TooMany(
        "query.case_locked", $"这个查询码今天输错手机号的次数已达 {limit.PerDay} 次，为保护申请人，今天暂停用手机号后四位核对。{OwnerWay}");

    private static readonly string Absent = new('0', TrackingCode.Length);

    private sealed record Found(
        Guid Id, string TrackingCode, string? CaseNumber, string ItemCode, string ItemName, CaseStage Stage, DateTime SubmittedAt,
        DateTime? AcceptedAt, DateOnly? Deadline, bool DeadlineProvisional, DateTime? ConcludedAt, int PromisedValue, LimitUnit PromisedUnit, string ContactPhoneProtected);

    private static readonly PerModel<Func<HallDbContext, string, CancellationToken, Task<Found?>>> ByCode = new(() => EF.CompileAsyncQuery(
        (HallDbContext db, string key, CancellationToken cancellationToken) => db.Cases.AsNoTracking()
            .Where(c => c.TrackingCode == key)
            .Select(c => new Found(c.Id, c.TrackingCode, c.CaseNumber, c.ItemCode, c.ItemName, c.Stage, c.SubmittedAt, c.AcceptedAt, c.Deadline, c.DeadlineProvisional, c.ConcludedAt, c.PromisedLimit.Value, c.PromisedLimit.Unit, c.ContactPhoneProtected))
            .SingleOrDefault()));

    public static bool IsPhoneLast4(string? text) => text is { Length: 4 } && text.All(char.IsAsciiDigit);

    // The digits as typed with a Chinese input method too (full-width ０００１, spaces around).
    public static string? Last4AsTyped(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Concat(text.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));

    // The address that asks (for the limit by address and case together), as the hall sees it.
    public async Task<Result<CaseStatus>> FindAsync(string? codeText, string? phoneLast4, string? askedFrom, CancellationToken cancellationToken)
    {
        var parsed = TrackingCode.TryParse(codeText, out var code);
        var key = parsed ? code.Value : Absent;
        var found = await ByCode.For(db)(db, key, cancellationToken);
        var verify = !string.IsNullOrEmpty(phoneLast4);
        if (verify)
        {
            var guess = found is null ? null : await limit.TakeAsync(found.TrackingCode, AddressIndex(askedFrom), cancellationToken);
            switch (guess?.Outcome)
            {
                case VerificationLimit.Outcome.AddressLimited:
                    return AddressLimited;
                case VerificationLimit.Outcome.CaseLimited:
                    return CaseLimited;
            }

            var phone = personal.Unprotect(found?.ContactPhoneProtected ?? personal.Decoy);
            var matches = CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(phone.Length >= 4 ? phone[^4..] : "----"), Encoding.ASCII.GetBytes(IsPhoneLast4(phoneLast4) ? phoneLast4! : "xxxx"));
            if (found is null || !matches)
            {
                return NotFound;
            }

            // Right digits do not count against anyone.
            await limit.GiveBackAsync(guess!, cancellationToken);
        }
        else if (found is null)
        {
            return NotFound;
        }

        return await StatusAsync(found!, verify, cancellationToken);
    }

    // The whole status with the timeline, for an owner who proved the case's phone with a
    // one-time code (QueryUnlock).
    public async Task<CaseStatus?> FindProvenAsync(string trackingCode, CancellationToken cancellationToken) =>
        await ByCode.For(db)(db, trackingCode, cancellationToken) is { } found ? await StatusAsync(found, true, cancellationToken) : null;

    private string? AddressIndex(string? address) => address is { Length: > 0 } ? personal.Index("client-address", address) : null;

    private async Task<CaseStatus> StatusAsync(Found found, bool verify, CancellationToken cancellationToken)
    {
        IReadOnlyList<CaseTimelineEntry>? timeline = null;
        if (verify)
        {
            timeline = (await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken))
                .Select(e => new CaseTimelineEntry(e.At, e.Action, CaseStages.Label(e.Action), CaseStages.PublicReason(e))).ToList();
        }

        return new CaseStatus(
            TrackingCode.Display(found.TrackingCode),
            found.ItemCode,
            found.ItemName,
            found.Stage,
            found.SubmittedAt,
            found.AcceptedAt,
            found.Deadline,
            found.DeadlineProvisional,
            found.ConcludedAt,
            CaseReceipt.LimitText(new TimeLimit { Value = found.PromisedValue, Unit = found.PromisedUnit }),
            verify ? found.CaseNumber : null,
            timeline);
    }
}
