using System.Globalization;
using System.Text.RegularExpressions;
using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

// What each kind of message is: its label, whether the law requires it to reach the person
// (then it cannot be switched off), its default channels, whether it may break SMS quiet
// hours, the variables its template may use, and the built-in Chinese template.
public sealed record KindInfo(
    NotificationKind Kind, string Label, bool Required, bool Email, bool Sms, bool Urgent, string[] Variables, string Subject, string Body);

public static partial class NotificationKinds
{
    private static readonly string[] CaseVariables = ["applicant", "item", "caseNumber", "code", "stage", "queryUrl"];

    public static readonly IReadOnlyList<KindInfo> All =
    [
        new(NotificationKind.CaseSubmitted, "申请已提交", false, true, false, false, CaseVariables,
            "【{item}】申请已提交", "{applicant}：您申请的“{item}”已提交，查询码 {code}。我们将进行预审，结果会通知您。查询进度：{queryUrl}"),
        new(NotificationKind.CorrectionRequested, "需要补正材料（一次性告知）", true, true, true, true, [.. CaseVariables, "corrections", "deadline"],
            "【{item}】请补正材料", "{applicant}：您申请的“{item}”（查询码 {code}）需要补正材料，一次性告知如下：\n{corrections}\n请于 {deadline} 前登录“我的办件”补正后重新提交。"),
        new(NotificationKind.CorrectionExpiring, "补正期限将到", false, true, true, false, [.. CaseVariables, "deadline"],
            "【{item}】补正期限将到", "{applicant}：您申请的“{item}”（查询码 {code}）补正期限为 {deadline}，请尽快登录“我的办件”补正后重新提交。"),
        new(NotificationKind.CaseAccepted, "已受理", true, true, true, false, [.. CaseVariables, "deadline"],
            "【{item}】已受理", "{applicant}：您申请的“{item}”（办件编号 {caseNumber}）已受理，法定办结期限为 {deadline}。受理通知书可在“我的办件”下载。"),
        new(NotificationKind.CaseRefused, "不予受理", true, true, true, false, [.. CaseVariables, "reason"],
            "【{item}】不予受理", "{applicant}：您申请的“{item}”（查询码 {code}）不予受理，理由：{reason}。不予受理通知书及救济途径见“我的办件”。"),
        new(NotificationKind.CaseSuspended, "办理中止（特别程序）", true, true, false, false, [.. CaseVariables, "reason"],
            "【{item}】进入特别程序", "{applicant}：您申请的“{item}”因{reason}进入特别程序，所需时间不计入办理期限，恢复后将通知您。"),
        new(NotificationKind.CaseResumed, "恢复办理", false, true, false, false, [.. CaseVariables, "deadline"],
            "【{item}】恢复办理", "{applicant}：您申请的“{item}”已恢复办理，办结期限顺延至 {deadline}。"),
        new(NotificationKind.CaseExtended, "延长办理期限", true, true, true, false, [.. CaseVariables, "deadline"],
            "【{item}】办理期限延长", "{applicant}：您申请的“{item}”经批准延长办理期限，新的办结期限为 {deadline}。延期通知书见“我的办件”。"),
        new(NotificationKind.CaseDecided, "已作出决定", true, true, true, false, [.. CaseVariables, "decision"],
            "【{item}】已作出决定", "{applicant}：您申请的“{item}”（办件编号 {caseNumber}）已作出决定：{decision}。决定书见“我的办件”。"),
        new(NotificationKind.CertificateReady, "电子证照已签发", false, true, true, false, [.. CaseVariables, "certificateNumber"],
            "【{item}】电子证照已签发", "{applicant}：您的电子证照已签发，编号 {certificateNumber}，可在“我的办件”下载，扫码即可核验。"),
        new(NotificationKind.CaseConcluded, "已办结", false, true, false, false, [.. CaseVariables, "delivery"],
            "【{item}】已办结", "{applicant}：您申请的“{item}”已办结，送达方式：{delivery}。"),
        new(NotificationKind.RatingInvitation, "邀请评价", false, false, false, false, CaseVariables,
            "【{item}】请为本次服务评价", "{applicant}：您申请的“{item}”已办结，欢迎在“我的办件”中对本次服务作出评价（好差评）。"),
        new(NotificationKind.DraftExpiring, "草稿即将过期", false, true, false, false, ["applicant", "item", "expires", "draftUrl"],
            "【{item}】申请草稿即将过期", "{applicant}：您尚未提交的“{item}”申请草稿将于 {expires} 过期删除。如需办理，请在此之前继续填写并提交：{draftUrl}"),
        new(NotificationKind.CertificateExpiring, "证照即将到期", false, true, true, false, ["applicant", "item", "certificateNumber", "expires"],
            "【{item}】证照即将到期", "{applicant}：您的“{item}”（编号 {certificateNumber}）将于 {expires} 到期，请及时办理延续或换发。"),
        new(NotificationKind.OrganizationVerified, "单位已通过核验", false, true, false, false, ["organization"],
            "【{organization}】已通过核验", "您登记的单位“{organization}”已通过核验，现在可以以单位名义办理事项、添加经办人。"),
        new(NotificationKind.OrganizationRefused, "单位核验未通过", false, true, false, false, ["organization", "reason"],
            "【{organization}】核验未通过", "您登记的单位“{organization}”未通过核验，原因：{reason}。请按原因重新上传授权委托书和证照后再次提交。"),
        new(NotificationKind.StaffDigest, "工作人员每日预警汇总", false, true, false, false, ["applicant", "red", "yellow", "list", "workbenchUrl"],
            "【办件预警】超期 {red} 件，临近期限 {yellow} 件", "{applicant}：您的待办件中有 {red} 件已超期（红牌）、{yellow} 件临近期限（黄牌）：\n{list}\n请及时处理：{workbenchUrl}"),
    ];

    // Kinds an administrator words and a person chooses channels for (All); one-time codes are
    // neither: they go on the channel the person asked for, in the hall's own words.
    public static KindInfo Of(NotificationKind kind) => All.Single(k => k.Kind == kind);

    public static bool IsConfigurable(NotificationKind kind) => All.Any(k => k.Kind == kind);

    public static string Label(NotificationKind kind) => kind == NotificationKind.OneTimeCode ? "验证码" : Of(kind).Label;

    // The variables a template uses that its kind does not offer.
    public static IReadOnlyList<string> UnknownVariables(NotificationKind kind, string template) =>
        Variable().Matches(template).Select(m => m.Groups[1].Value).Distinct().Where(v => !Of(kind).Variables.Contains(v)).ToList();

    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Variable();

    public static NotificationKind? ForAction(CaseAction action) => action switch
    {
        CaseAction.Submit => NotificationKind.CaseSubmitted,
        CaseAction.RequestCorrection => NotificationKind.CorrectionRequested,
        CaseAction.Accept => NotificationKind.CaseAccepted,
        CaseAction.Refuse => NotificationKind.CaseRefused,
        CaseAction.Suspend => NotificationKind.CaseSuspended,
        CaseAction.Resume => NotificationKind.CaseResumed,
        CaseAction.Extend => NotificationKind.CaseExtended,
        CaseAction.Decide => NotificationKind.CaseDecided,
        CaseAction.Conclude => NotificationKind.CaseConcluded,
        _ => null,
    };
}

public sealed class NotificationSettings
{
    // Where the dispatcher sends mail and SMS; a channel whose settings are missing is off,
    // and nothing is queued for it.
    public MailSettings Mail { get; set; } = new();
    public SmsSettings Sms { get; set; } = new();
    public int MaxAttempts { get; set; } = 6;

    // The hall's public address for links in messages (GovHall:PublicUrl).
    public string? PublicUrl { get; set; }

    // SMS quiet hours, China time: non-urgent SMS wait for the morning.
    public int QuietFromHour { get; set; } = 22;
    public int QuietToHour { get; set; } = 8;
}

public sealed class MailSettings
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "govhall@localhost";
    public string FromName { get; set; } = "闵行区教育局网上政务大厅";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool StartTls { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

public sealed class SmsSettings
{
    public string? GatewayUrl { get; set; }
    public string? Secret { get; set; }
    public string Signature { get; set; } = "闵行教育";

    public bool Enabled => !string.IsNullOrWhiteSpace(GatewayUrl) && !string.IsNullOrWhiteSpace(Secret);
}

// Queues the messages an event causes, into the caller's context: they are saved in the same
// transaction as the event, or not at all.
public sealed class Notifier(HallDbContext db, PersonalData personal, NotificationSettings settings, TimeProvider clock)
{
    public async Task<int> QueueAboutCaseAsync(Case found, string key, NotificationKind kind, IReadOnlyDictionary<string, string> extra, string? baseUrl, CancellationToken cancellationToken) =>
        Add(await PlanAsync(new Recipient(found.AccountId, found.ContactPhoneProtected), kind, cancellationToken), CaseValues(found, extra, baseUrl), key, found.Id);

    // The messages of a case event (its sequence names the occasion), from a plan read
    // beforehand (see PlanAsync).
    public int AddForCase(Plan plan, Case found, int sequence, IReadOnlyDictionary<string, string> extra, string? baseUrl) =>
        Add(plan, CaseValues(found, extra, baseUrl), CaseEventKey(found, sequence), found.Id);

    // The messages of one case event share this key (with kind and channel appended, unique).
    private static string CaseEventKey(Case found, int sequence) => $"case:{found.Id}:{sequence}";

    private Dictionary<string, string> CaseValues(Case found, IReadOnlyDictionary<string, string> extra, string? baseUrl)
    {
        baseUrl ??= settings.PublicUrl ?? "";
        return new Dictionary<string, string>(extra)
        {
            ["applicant"] = found.ApplicantName,
            ["item"] = found.ItemName,
            ["caseNumber"] = found.CaseNumber,
            ["code"] = TrackingCode.Display(found.TrackingCode),
            ["stage"] = CaseStages.Label(found.Stage),
            ["queryUrl"] = $"{baseUrl.TrimEnd('/')}/query?code={found.TrackingCode}",
        };
    }

    public sealed record Recipient(Guid? AccountId, string? PhoneProtected = null);

    // What a message of one kind to one recipient needs from the database: the person's
    // preference and addresses, which decide the channels, and the template, read only when
    // some channel will carry the message. Read apart from Add so that a caller can read it
    // before its own transaction and keep that transaction short (SubmitApplication).
    // A null address means that channel does not carry it; a person with an account always
    // gets it in the inbox.
    public sealed record Plan(KindInfo Info, Recipient Recipient, string Subject, string Body, string? EmailAddress, string? PhoneProtected)
    {
        public bool Inbox => Recipient.AccountId is not null;

        public bool SendsNothing => !Inbox && EmailAddress is null && PhoneProtected is null;
    }

    public async Task<Plan> PlanAsync(Recipient recipient, NotificationKind kind, CancellationToken cancellationToken)
    {
        var info = NotificationKinds.Of(kind);
        var preference = recipient.AccountId is { } accountId
            ? await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.AccountId == accountId && p.Kind == kind, cancellationToken)
            : null;
        var wantsEmail = info.Required ? info.Email || preference?.Email == true : preference?.Email ?? info.Email;
        var wantsSms = info.Required ? info.Sms || preference?.Sms == true : preference?.Sms ?? info.Sms;
        var account = recipient.AccountId is { } owner
            ? await db.Users.AsNoTracking().Where(u => u.Id == owner).Select(u => new { u.Email, u.PhoneProtected }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var email = wantsEmail && settings.Mail.Enabled && account?.Email is { Length: > 0 } address ? address : null;
        var phone = wantsSms && settings.Sms.Enabled && (recipient.PhoneProtected ?? account?.PhoneProtected) is { Length: > 0 } number ? number : null;
        var plan = new Plan(info, recipient, info.Subject, info.Body, email, phone);
        if (plan.SendsNothing)
        {
            return plan;
        }

        var template = await db.NotificationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken);
        return template is null ? plan : plan with { Subject = template.Subject, Body = template.Body };
    }

    public async Task<int> QueueAsync(
        Recipient recipient, NotificationKind kind, IReadOnlyDictionary<string, string> values, string key, Guid? caseId, CancellationToken cancellationToken) =>
        Add(await PlanAsync(recipient, kind, cancellationToken), values, key, caseId);

    // Adds the plan's messages, rendered with the values, to the unit of work: they commit with
    // whatever the caller saves (the case event that caused them), or not at all.
    public int Add(Plan plan, IReadOnlyDictionary<string, string> values, string key, Guid? caseId)
    {
        if (plan.SendsNothing)
        {
            return 0;
        }

        var info = plan.Info;
        var subject = NotificationKinds.Render(plan.Subject, values);
        var body = NotificationKinds.Render(plan.Body, values);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        void Queue(NotificationChannel channel, string? addressProtected)
        {
            db.Notifications.Add(new Notification
            {
                IdempotencyKey = $"{key}:{info.Kind}:{channel}",
                Kind = info.Kind,
                Channel = channel,
                AccountId = plan.Recipient.AccountId,
                AddressProtected = addressProtected,
                CaseId = caseId,
                Subject = subject.Length > 200 ? subject[..200] : subject,
                Body = body.Length > 8000 ? body[..8000] : body,
                Urgent = info.Urgent,
                State = NotificationState.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
            queued++;
        }

        if (plan.Inbox)
        {
            Queue(NotificationChannel.Inbox, null);
        }

        if (plan.EmailAddress is { } email)
        {
            Queue(NotificationChannel.Email, personal.Protect(email));
        }

        if (plan.PhoneProtected is { } phone)
        {
            Queue(NotificationChannel.Sms, phone);
        }

        return queued;
    }

    public static string DateText(DateOnly? date) => date?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "（待定）";
}
