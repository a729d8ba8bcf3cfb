using System.Text.Json;
using System.Text.RegularExpressions;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Catalog;
using GovHall.Core.Certificates;
using GovHall.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

public sealed record CorrectionFile(string Material, string FileName, byte[] Content);

// One action on a case, with what it needs: the revision the actor saw (optimistic
// concurrency), and the reasons, notice items, days, decision or delivery the action asks for.
public sealed record CaseCommand(CaseAction Action, int Revision)
{
    public string? Reason { get; init; }
    public string? LegalBasis { get; init; }
    public IReadOnlyList<CorrectionItem> Corrections { get; init; } = [];
    public string? Procedure { get; init; }
    public int? Days { get; init; }
    public Decision? Decision { get; init; }
    public DeliveryWay? Delivery { get; init; }
    public string? DeliveryNote { get; init; }
    public IReadOnlyList<CorrectionFile> Files { get; init; } = [];
}

// Takes one action on a case: checks that the stage allows it, that the actor's role may take
// it and that it carries what it requires; then changes the case, appends its CaseEvent and
// adds the notice, decision or certificate it issues, all in one transaction. Two people
// acting at once: the second is told the case changed, and nothing is overwritten.
public sealed partial class HandleCase(
    HallDbContext db, WorkCalendar calendar, CertificateService certificates, StoreFile storeFile, PersonalData personal, CasesSettings settings,
    Notifications.Notifier notifier, TimeProvider clock, WriteTurns turns)
{
    public static readonly string[] Procedures = ["听证", "专家评审", "检验检测", "现场核查", "公示", "征求意见"];

    public static readonly Error NotFound = Error.NotFound("case.not_found", "没有找到该办件。");

    public static readonly Error Changed = Error.Conflict("case.changed", "该办件刚刚已被他人处理，页面显示的是最新状态，请核对后再操作。");

    public static Error NotAllowed(CaseStage stage, CaseAction action) => Error.Conflict("case.action_not_allowed",
        $"办件当前为“{CaseStages.Label(stage)}”，不能进行“{CaseStages.Label(action)}”。");

    public static Error RoleNotAllowed(CaseAction action, string? role) => new("case.role_not_allowed",
        role is null ? $"你不能对该办件进行“{CaseStages.Label(action)}”。" : $"你的岗位不能进行“{CaseStages.Label(action)}”：该环节由“{Roles.Label(role)}”岗办理。")
    { Kind = ErrorKind.Forbidden };

    private static Error Required(string field, string what) => new($"case.{field}_required", $"请填写{what}。", field);

    public async Task<Result<Case>> RunAsync(string? code, CaseActor actor, CaseCommand command, string baseUrl, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(code, out var trackingCode))
        {
            return NotFound;
        }

        var found = await db.Cases.SingleOrDefaultAsync(c => c.TrackingCode == trackingCode.Value, cancellationToken);
        if (found is null || (actor.IsApplicant && !await OwnsAsync(actor, found, cancellationToken)))
        {
            return NotFound;
        }

        if (found.Revision != command.Revision)
        {
            return Changed;
        }

        var content = await ItemQueries.ContentOfAsync(db, found.ItemId, found.ItemVersion, cancellationToken);
        var steps = CaseSteps.Of(content);
        if (!CaseWorkflow.Possible(found, steps).Contains(command.Action))
        {
            return NotAllowed(found.Stage, command.Action);
        }

        if (!CaseWorkflow.MayTake(actor, command.Action, found, settings.ApprovalOffice))
        {
            return RoleNotAllowed(command.Action, actor.IsApplicant ? null : command.Action is CaseAction.Extend or CaseAction.RefuseExtension ? Roles.Approver : found.StepRole);
        }

        var problems = Check(command, found, content);
        if (problems.Count > 0)
        {
            return Result<Case>.Fail(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaDate.Of(now);
        var days = await calendar.LoadAsync(cancellationToken);
        var change = new Change(found, content, steps, days, today, now, actor, command, baseUrl);
        var plans = await PlanNotificationsAsync(found, command.Action, cancellationToken);

        // One transaction from the first write to the last: storing a PDF saves the context, so
        // without it a half-done action could commit. The revision is taken first, so a second
        // action on the same case fails on its first write, whichever write that is.
        using var turn = await turns.TakeAsync(db, cancellationToken);

        // Once the write begins, a client that leaves no longer cancels it (as in
        // SubmitApplication): the action is finished or, on a conflict, rolled back whole.
        var writing = CancellationToken.None;
        await using var transaction = await db.Database.BeginTransactionAsync(writing);
        try
        {
            found.Revision++;
            var applied = await ApplyAsync(change, writing);
            if (!applied.Succeeded)
            {
                await transaction.RollbackAsync(writing);
                db.ChangeTracker.Clear();
                return Result<Case>.Fail(applied.Errors);
            }

            var sequence = await db.CaseEvents.Where(e => e.CaseId == found.Id).MaxAsync(e => e.Sequence, writing) + 1;
            db.CaseEvents.Add(new CaseEvent
            {
                CaseId = found.Id,
                Sequence = sequence,
                Action = command.Action,
                FromStage = change.From,
                ToStage = found.Stage,
                Actor = actor.IsApplicant ? $"{actor.Name}（申请人）" : actor.Name,
                ActorAccountId = actor.AccountId,
                Reason = applied.Value is { Length: > 4000 } longer ? longer[..3999] + "…" : applied.Value,
                At = now,
            });
            foreach (var (kind, stored) in change.Documents)
            {
                db.CaseDocuments.Add(new CaseDocument
                {
                    CaseId = found.Id,
                    EventSequence = sequence,
                    Kind = kind,
                    Title = CaseNotices.TitleOf(kind, found),
                    Sha256 = stored.Sha256,
                    Length = stored.Length,
                    CreatedAt = now,
                });
            }

            QueueNotifications(change, sequence, plans);
            await db.SaveChangesAsync(writing);
            await transaction.CommitAsync(writing);
        }
        catch (DbUpdateException)
        {
            // Another action on the same case won (its revision or its event number came first),
            // or something else failed, which is thrown on.
            if (await ChangedMeanwhileAsync(found.Id, command.Revision, transaction))
            {
                return Changed;
            }

            throw;
        }

        return found;
    }

    // The messages an action may cause: its own kind, 电子证照已签发 when a decision issues a
    // certificate, 邀请评价 when a case is concluded. What they need from the database
    // (preference, addresses, template) is read here, before the action's transaction: on
    // SQLite that transaction holds the one writer lock.
    private async Task<List<(Notifications.NotificationKind Kind, Notifications.Notifier.Plan Plan)>> PlanNotificationsAsync(
        Case found, CaseAction action, CancellationToken cancellationToken)
    {
        var plans = new List<(Notifications.NotificationKind Kind, Notifications.Notifier.Plan Plan)>();
        if (Notifications.NotificationKinds.ForAction(action) is not { } kind)
        {
            return plans;
        }

        var kinds = action switch
        {
            CaseAction.Decide => [kind, Notifications.NotificationKind.CertificateReady],
            CaseAction.Conclude => [kind, Notifications.NotificationKind.RatingInvitation],
            _ => new[] { kind },
        };
        var recipient = new Notifications.Notifier.Recipient(found.AccountId, found.ContactPhoneProtected);
        foreach (var each in kinds)
        {
            plans.Add((each, await notifier.PlanAsync(recipient, each, cancellationToken)));
        }

        return plans;
    }

    // The messages the action causes, queued in its transaction (亲民提醒, docs/notifications.md).
    private void QueueNotifications(Change change, int sequence, List<(Notifications.NotificationKind Kind, Notifications.Notifier.Plan Plan)> plans)
    {
        var found = change.Found;
        var values = new Dictionary<string, string>
        {
            ["deadline"] = Notifications.Notifier.DateText(change.Command.Action == CaseAction.RequestCorrection ? found.CorrectionDueOn : found.Deadline),
            ["reason"] = change.Command.Action == CaseAction.Suspend ? change.Command.Procedure ?? "" : change.Command.Reason?.Trim() ?? "",
            ["corrections"] = string.Join("\n", change.Command.Corrections.Select((c, i) => $"{i + 1}. {c.Material}：{c.Reason.Trim()}")),
            ["decision"] = found.Decision == Decision.Granted ? "准予" : "不予准予",
            ["delivery"] = found.DeliveredBy is { } way ? DeliveryLabel(way) : "",
        };
        foreach (var (kind, plan) in plans)
        {
            if (kind == Notifications.NotificationKind.CertificateReady)
            {
                // Only a decision that granted, on an item that issues one, made a certificate.
                if (db.ChangeTracker.Entries<Certificate>().Select(e => e.Entity).FirstOrDefault(c => c.CaseId == found.Id) is not { } issued)
                {
                    continue;
                }

                values["certificateNumber"] = TrackingCode.Display(issued.Number);
            }

            notifier.AddForCase(plan, found, sequence, values, change.BaseUrl);
        }
    }

    // After a failed write: true when the case is no longer at the revision the actor saw (the
    // failure was losing the race); any other failure is a real error and is thrown on.
    private async Task<bool> ChangedMeanwhileAsync(Guid caseId, int revision, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
        var now = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Revision).SingleAsync(CancellationToken.None);
        return now != revision;
    }

    private sealed record Change(
        Case Found, ItemContent Content, CaseSteps Steps, WorkingDays Days, DateOnly Today, DateTime Now, CaseActor Actor, CaseCommand Command, string BaseUrl)
    {
        public CaseStage From { get; } = Found.Stage;
        public List<(DocumentKind Kind, StoredFile Stored)> Documents { get; } = [];
    }

    // Changes the case; answers the text the event records (the reason, in plain words).
    private async Task<Result<string?>> ApplyAsync(Change change, CancellationToken cancellationToken)
    {
        var (found, content, steps, _, today, now, actor, command, _) = change;
        var reason = command.Reason?.Trim() is { Length: > 0 } given ? given : null;
        switch (command.Action)
        {
            case CaseAction.PreReviewPass:
                found.Stage = CaseStage.PreReviewed;
                return reason;

            case CaseAction.RequestCorrection:
                found.CorrectionDueOn = today.AddDays(settings.CorrectionDays);
                await IssueAsync(change, DocumentKind.CorrectionNotice, corrections: command.Corrections, deadline: found.CorrectionDueOn, cancellationToken: cancellationToken);
                found.Stage = CaseStage.CorrectionRequested;
                found.CorrectionNotice = JsonSerializer.Serialize(command.Corrections);
                found.StepRole = null;
                return string.Join("；", command.Corrections.Select(c => $"{c.Material}：{c.Reason}"));

            case CaseAction.Resubmit:
                var position = await db.CaseFiles.Where(f => f.CaseId == found.Id).MaxAsync(f => (int?)f.Position, cancellationToken) ?? -1;
                foreach (var file in command.Files)
                {
                    var stored = await storeFile.RunAsync(file.Content, cancellationToken);
                    if (!stored.Succeeded)
                    {
                        return Result<string?>.Fail(stored.Errors);
                    }

                    db.CaseFiles.Add(new CaseFile
                    {
                        CaseId = found.Id,
                        Material = file.Material,
                        FileName = Path.GetFileName(file.FileName),
                        Sha256 = stored.Value!.Sha256,
                        ContentType = stored.Value.ContentType,
                        Length = stored.Value.Length,
                        Position = ++position,
                    });
                }

                found.Stage = CaseStage.Submitted;
                found.CorrectionNotice = null;
                found.CorrectionDueOn = null;
                MoveTo(change, steps.Acceptance);
                return reason ?? $"补正材料 {command.Files.Count} 份";

            case CaseAction.Accept:
                found.AcceptedAt = now;
                found.Stage = CaseStage.Accepted;
                Recompute(change);
                MoveTo(change, steps.NextAfter(steps.Acceptance) is { } next && next <= steps.Decision ? next : steps.Decision);
                await IssueAsync(change, DocumentKind.AcceptanceNotice, deadline: found.Deadline, cancellationToken: cancellationToken);
                return reason;

            case CaseAction.Refuse:
                await IssueAsync(change, DocumentKind.RefusalNotice, reason, command.LegalBasis!.Trim(), cancellationToken: cancellationToken);
                found.Stage = CaseStage.Refused;
                found.ConcludedAt = now;
                found.StepRole = null;
                return $"{reason}（依据：{command.LegalBasis!.Trim()}）";

            case CaseAction.Review:
                found.Stage = CaseStage.UnderReview;
                MoveTo(change, steps.NextAfter(found.StepIndex) is { } following && following <= steps.Decision ? following : steps.Decision);
                return reason;

            case CaseAction.SendBack:
                found.Stage = CaseStage.UnderReview;
                MoveTo(change, steps.PreviousBefore(found.StepIndex)!.Value);
                return reason;

            case CaseAction.Suspend:
                found.SuspendedFromStage = found.Stage;
                found.SuspendedOn = today;
                found.Stage = CaseStage.Suspended;
                return $"{command.Procedure}：{reason}";

            case CaseAction.Resume:
                var resumed = Resume(change);
                return resumed.Succeeded ? reason : Result<string?>.Fail(resumed.Errors);

            case CaseAction.RequestExtension:
                found.ExtensionRequestedDays = command.Days;
                return $"申请延长 {command.Days} 日：{reason}";

            case CaseAction.Extend:
                found.ExtensionDays = found.ExtensionRequestedDays!.Value;
                found.ExtensionRequestedDays = null;
                Recompute(change);
                var requested = await db.CaseEvents.Where(e => e.CaseId == found.Id && e.Action == CaseAction.RequestExtension)
                    .OrderByDescending(e => e.Sequence).Select(e => e.Reason).FirstAsync(cancellationToken);
                await IssueAsync(change, DocumentKind.ExtensionNotice, requested, deadline: found.Deadline, extensionDays: found.ExtensionDays, cancellationToken: cancellationToken);
                return reason ?? $"批准延长 {found.ExtensionDays} 日";

            case CaseAction.RefuseExtension:
                found.ExtensionRequestedDays = null;
                return reason;

            case CaseAction.Decide:
                return await DecideAsync(change, reason, cancellationToken);

            case CaseAction.Conclude:
                found.Stage = CaseStage.Concluded;
                found.ConcludedAt = now;
                found.DeliveredBy = command.Delivery;
                found.DeliveryNote = command.DeliveryNote?.Trim() is { Length: > 0 } note ? note : null;
                found.StepRole = null;
                return $"送达方式：{DeliveryLabel(command.Delivery!.Value)}{(found.DeliveryNote is { } tracking ? $"（邮件号 {tracking}）" : "")}";

            case CaseAction.Withdraw:
                found.Stage = CaseStage.Withdrawn;
                found.ConcludedAt = now;
                found.StepRole = null;
                return reason;

            default:
                return NotAllowed(found.Stage, command.Action);
        }
    }

    private async Task<Result<string?>> DecideAsync(Change change, string? reason, CancellationToken cancellationToken)
    {
        var (found, content, steps, _, _, now, _, command, baseUrl) = change;
        found.Decision = command.Decision;
        found.DecidedAt = now;
        found.ExtensionRequestedDays = null;
        found.Stage = CaseStage.Decided;
        if (command.Decision == Decision.Denied)
        {
            await IssueAsync(change, DocumentKind.DenialDecision, reason, command.LegalBasis!.Trim(), cancellationToken: cancellationToken);
        }
        else
        {
            string? number = null;
            if (content.Result.Type == ResultType.Certificate)
            {
                var holderId = found.ApplicantType == ApplicantType.Person && found.ApplicantIdNumberProtected is { } protectedId
                    ? personal.Unprotect(protectedId)
                    : null;
                var validUntil = content.Result.ValidYears is { } years ? change.Today.AddYears(years).AddDays(-1) : (DateOnly?)null;
                var (certificate, pdf) = await certificates.IssueAsync(found, content.Result.Name, validUntil, baseUrl, holderId, cancellationToken);
                number = certificate.Number;
                change.Documents.Add((DocumentKind.Certificate, pdf));
            }

            await IssueAsync(change, DocumentKind.GrantDecision, reason, certificateNumber: number, cancellationToken: cancellationToken);
        }

        var delivery = steps.NextAfter(steps.Decision);
        if (delivery is { } next)
        {
            MoveTo(change, next);
        }
        else
        {
            found.StepName = "送达";
            found.StepRole = Roles.WindowClerk;
            found.StepStartedOn = change.Today;
            found.StepLimit = new TimeLimit { Value = 1, Unit = LimitUnit.WorkingDays };
        }

        var label = command.Decision == Decision.Granted ? "准予" : "不予准予";
        return command.Decision == Decision.Denied ? $"{label}：{reason}（依据：{command.LegalBasis!.Trim()}）" : reason is null ? label : $"{label}：{reason}";
    }

    private static void MoveTo(Change change, int index)
    {
        var step = change.Steps.Steps[index];
        change.Found.StepIndex = index;
        change.Found.StepName = step.Name;
        change.Found.StepRole = change.Steps.RoleOf[index] ?? Roles.WindowClerk;
        change.Found.StepStartedOn = change.Today;
        change.Found.StepLimit = new TimeLimit { Value = step.TimeLimit.Value, Unit = step.TimeLimit.Unit };
    }

    // The statutory and promised deadlines from acceptance, lengthened by the time suspended
    // (in each limit's own unit) and, for the statutory one, by an approved extension. A year
    // without a calendar leaves the deadline unknown (shown as such), never guessed.
    private static void Recompute(Change change)
    {
        var found = change.Found;
        if (found.AcceptedAt is not { } accepted)
        {
            return;
        }

        var acceptedOn = ChinaDate.Of(accepted);
        int Suspended(LimitUnit unit) => unit == LimitUnit.WorkingDays ? found.SuspendedWorkingDays : found.SuspendedCalendarDays;
        var statutory = CaseClock.Due(change.Days, acceptedOn, found.StatutoryLimit, found.ExtensionDays + Suspended(found.StatutoryLimit.Unit));
        found.Deadline = statutory.Succeeded ? statutory.Value : null;
        var promised = CaseClock.Due(change.Days, acceptedOn, found.PromisedLimit, Suspended(found.PromisedLimit.Unit));
        found.PromisedDeadline = promised.Succeeded ? promised.Value : null;
    }

    // The working days suspended are counted on the calendar; a year without one refuses the
    // resumption (with the calendar's own message) rather than guess.
    private static Result<bool> Resume(Change change)
    {
        var found = change.Found;
        var since = found.SuspendedOn!.Value;
        var working = CaseClock.Suspended(change.Days, since, change.Today, LimitUnit.WorkingDays);
        if (!working.Succeeded)
        {
            return Result<bool>.Fail(working.Errors);
        }

        var calendarDays = change.Today.DayNumber - since.DayNumber;
        found.SuspendedWorkingDays += working.Value;
        found.SuspendedCalendarDays += calendarDays;
        found.Stage = found.SuspendedFromStage ?? CaseStage.UnderReview;
        found.SuspendedFromStage = null;
        found.SuspendedOn = null;

        // The step's own allotment moves by the same time: its start shifts forward.
        if (found.StepStartedOn is { } started)
        {
            var shifted = found.StepLimit.Unit == LimitUnit.WorkingDays
                ? change.Days.Add(started, working.Value)
                : Result<DateOnly>.Ok(started.AddDays(calendarDays));
            found.StepStartedOn = shifted.Succeeded ? shifted.Value : started.AddDays(calendarDays);
        }

        Recompute(change);
        return true;
    }

    private async Task IssueAsync(
        Change change, DocumentKind kind, string? reason = null, string? legalBasis = null, IReadOnlyList<CorrectionItem>? corrections = null,
        DateOnly? deadline = null, int? extensionDays = null, string? certificateNumber = null, CancellationToken cancellationToken = default)
    {
        var notice = new NoticeContent(kind, change.Found, change.Content, change.Now, change.Actor.Name, reason, legalBasis, corrections, deadline, extensionDays, certificateNumber);
        var queryUrl = $"{change.BaseUrl.TrimEnd('/')}/query?code={change.Found.TrackingCode}";
        var stored = await storeFile.RunAsync(CaseNotices.Render(notice, queryUrl), cancellationToken);
        change.Documents.Add((kind, stored.Value!));
    }

    private async Task<bool> OwnsAsync(CaseActor actor, Case found, CancellationToken cancellationToken) =>
        found.AccountId == actor.AccountId
        || (found.OrganizationId is { } organization
            && await Memberships.ActsForAsync(db, organization, actor.AccountId, cancellationToken));

    // What each action requires, checked before anything changes.
    private static List<Error> Check(CaseCommand command, Case found, ItemContent content)
    {
        var problems = new List<Error>();
        var reason = command.Reason?.Trim() ?? "";
        if (reason.Length > 2000)
        {
            problems.Add(new Error("case.reason_too_long", "理由不能超过 2000 字。", "reason"));
        }

        var legalBasis = command.LegalBasis?.Trim() ?? "";
        if (legalBasis.Length > 500)
        {
            problems.Add(new Error("case.legal_basis_too_long", "法律依据不能超过 500 字。", "legalBasis"));
        }

        if (command.DeliveryNote?.Trim() is { Length: > 30 })
        {
            problems.Add(new Error("case.tracking_number_required", "邮件号应为 6 到 30 位字母或数字。", "deliveryNote"));
        }

        switch (command.Action)
        {
            case CaseAction.RequestCorrection:
                CheckCorrections(command.Corrections, found, content, problems);
                break;
            case CaseAction.Refuse:
                if (reason.Length == 0) problems.Add(Required("reason", "不予受理的理由"));
                if (legalBasis.Length == 0) problems.Add(Required("legalBasis", "不予受理的法律依据"));
                break;
            case CaseAction.Review:
                if (reason.Length == 0) problems.Add(Required("reason", "审查意见"));
                break;
            case CaseAction.SendBack:
                if (reason.Length == 0) problems.Add(Required("reason", "退回的理由"));
                break;
            case CaseAction.RefuseExtension:
                if (reason.Length == 0) problems.Add(Required("reason", "不批准延期的理由"));
                break;
            case CaseAction.Suspend:
                if (!Procedures.Contains(command.Procedure ?? "")) problems.Add(new Error("case.procedure_required", "请选择特别程序的种类。", "procedure"));
                if (reason.Length == 0) problems.Add(Required("reason", "中止的理由"));
                break;
            case CaseAction.RequestExtension:
                if (command.Days is not (>= 1 and <= 60)) problems.Add(new Error("case.days_invalid", "延长的天数应为 1 到 60 之间的整数。", "days"));
                if (reason.Length == 0) problems.Add(Required("reason", "延期的理由"));
                break;
            case CaseAction.Decide:
                if (command.Decision is null) problems.Add(new Error("case.decision_required", "请选择准予或不予。", "decision"));
                if (command.Decision == Decision.Denied)
                {
                    if (reason.Length == 0) problems.Add(Required("reason", "不予准予的理由"));
                    if (legalBasis.Length == 0) problems.Add(Required("legalBasis", "不予准予的法律依据"));
                }

                break;
            case CaseAction.Conclude:
                if (command.Delivery is not { } way || !content.Delivery.Contains(way))
                {
                    problems.Add(new Error("case.delivery_invalid", "请选择该事项提供的送达方式。", "delivery"));
                }
                else if (way == DeliveryWay.Mail && !TrackingNumber().IsMatch(command.DeliveryNote?.Trim() ?? ""))
                {
                    problems.Add(new Error("case.tracking_number_required", "邮寄送达请填写邮件号（6 到 30 位字母或数字）。", "deliveryNote"));
                }

                break;
            case CaseAction.Resubmit:
                CheckResubmission(command.Files, found, content, problems);
                break;
        }

        return problems;
    }

    private static void CheckCorrections(IReadOnlyList<CorrectionItem> items, Case found, ItemContent content, List<Error> problems)
    {
        if (items.Count == 0)
        {
            problems.Add(new Error("case.corrections_required", "一次性告知至少要列出一项需要补正的内容。", "corrections"));
            return;
        }

        var known = CaseMaterials.For(content, found.Situation).Select(m => m.Name).ToHashSet();
        for (var i = 0; i < items.Count; i++)
        {
            if (!known.Contains(items[i].Material))
            {
                problems.Add(new Error("case.correction_material_unknown", $"第 {i + 1} 项：请从本事项的材料中选择。", $"corrections[{i}].material"));
            }

            if (items[i].Reason?.Trim() is not { Length: > 0 and <= 500 })
            {
                problems.Add(new Error("case.correction_reason_required", $"第 {i + 1} 项：请写明需要补正的原因（500 字以内）。", $"corrections[{i}].reason"));
            }
        }

        if (items.Count > 20)
        {
            problems.Add(new Error("case.corrections_too_many", "一次性告知最多列出 20 项。", "corrections"));
        }

        if (items.Select(i => i.Material).Distinct().Count() < items.Count)
        {
            problems.Add(new Error("case.correction_duplicate", "同一材料请合并为一项告知。", "corrections"));
        }
    }

    // Every uploadable material the notice names needs at least one new file, checked as on
    // the materials page.
    private static void CheckResubmission(IReadOnlyList<CorrectionFile> files, Case found, ItemContent content, List<Error> problems)
    {
        var asked = found.Corrections();
        var materials = CaseMaterials.For(content, found.Situation);
        foreach (var item in asked)
        {
            var material = materials.FirstOrDefault(m => m.Name == item.Material);
            var given = files.Where(f => f.Material == item.Material).ToList();
            if (material is null || !CaseMaterials.Uploadable(material))
            {
                if (given.Count > 0)
                {
                    problems.Add(new Error("case.correction_file_unexpected", $"“{item.Material}”无需在网上提交，请按告知到窗口补正。", CaseMaterials.FieldOf(item.Material)));
                }

                continue;
            }

            if (given.Count == 0)
            {
                problems.Add(new Error("case.correction_file_missing", $"请上传补正后的“{item.Material}”。", CaseMaterials.FieldOf(item.Material)));
            }

            for (var i = 0; i < given.Count; i++)
            {
                if (CaseMaterials.CheckUpload(material, given[i].FileName, given[i].Content, i) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        foreach (var file in files.Where(f => !asked.Any(a => a.Material == f.Material)))
        {
            problems.Add(new Error("case.correction_file_unexpected", $"“{file.Material}”不在补正告知的范围内。", CaseMaterials.FieldOf(file.Material)));
        }
    }

    public static string DeliveryLabel(DeliveryWay way) => way switch
    {
        DeliveryWay.ElectronicCertificate => "电子证照（网上送达）",
        DeliveryWay.Pickup => "窗口领取",
        DeliveryWay.Mail => "邮寄送达",
    };

    [GeneratedRegex("^[A-Za-z0-9-]{6,30}$")]
    private static partial Regex TrackingNumber();
}
