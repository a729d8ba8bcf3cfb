using GovHall.Core.Accounts;
using GovHall.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// The owner's way past a guessing limit on the one-code query: a one-time code sent by SMS to
// the phone the case was filed with proves the phone, and opens the case's timeline once. An
// unknown code gets a code row too (that can never match) and the same answer, so this says
// nothing the code alone does not; the limits on codes (OneTimeCodes) apply as everywhere.
public sealed class QueryUnlock(HallDbContext db, PersonalData personal, OneTimeCodes codes, IMessageSender messages, CaseStatusQuery query)
{
    public static readonly Error NoSms = new("query.no_sms", "暂不能发送短信验证码。请只输入查询码查看办理进度，或登录后在“我的办件”查看办理过程。");

    public async Task<Result<Guid>> StartAsync(string? codeText, string? askedFrom, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(codeText, out var code))
        {
            return CaseStatusQuery.NotFound;
        }

        if (!messages.Channels.Contains(MessageChannel.Sms))
        {
            return NoSms;
        }

        var phoneProtected = await db.Cases.AsNoTracking().Where(c => c.TrackingCode == code.Value).Select(c => c.ContactPhoneProtected).SingleOrDefaultAsync(cancellationToken);
        var phone = phoneProtected is null ? null : personal.Unprotect(phoneProtected);
        var issued = await codes.IssueAsync(
            new OneTimeCodes.Request(CodePurpose.Unlock, null, personal.Protect("case:" + code.Value), phone ?? "case:" + code.Value, askedFrom), cancellationToken);
        if (!issued.Succeeded)
        {
            return Result<Guid>.Fail(issued.Errors);
        }

        var (row, secret) = issued.Value;
        if (phone is { Length: > 0 })
        {
            messages.Add(new OutgoingMessage(row.Id.ToString("N"), MessageChannel.Sms, phone, "办件查询验证码",
                $"您正在查看查询码 {TrackingCode.Display(code.Value)} 的办理过程，验证码是 {secret}，{OneTimeCodes.Lifetime.TotalMinutes:0} 分钟内有效。如非本人操作，请勿将验证码告诉他人。"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<Result<CaseStatus>> ConfirmAsync(Guid ticket, string? secret, CancellationToken cancellationToken)
    {
        var used = await codes.UseAsync(ticket, CodePurpose.Unlock, secret, cancellationToken);
        if (!used.Succeeded)
        {
            return Result<CaseStatus>.Fail(used.Errors);
        }

        var payload = personal.Unprotect(used.Value!.PayloadProtected!);
        return payload.StartsWith("case:", StringComparison.Ordinal) && await query.FindProvenAsync(payload["case:".Length..], cancellationToken) is { } status
            ? status
            : OneTimeCodes.Wrong;
    }
}
