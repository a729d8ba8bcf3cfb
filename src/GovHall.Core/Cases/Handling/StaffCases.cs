using System.Text.Json.Nodes;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Catalog;
using GovHall.Core.Certificates;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// Where a case stands against its clocks today: the case deadline (statutory, from acceptance)
// and the current step's allotment, each as working days left, and the worse of the two
// warnings. Before acceptance only the step clock runs; while suspended nothing runs.
public sealed record CaseTime(int? Remaining, DateOnly? StepDue, int? StepRemaining, Warning Level, string Text)
{
    public static CaseTime Of(Case found, WorkingDays days, DateOnly today, int yellowDays)
    {
        if (found.Stage == CaseStage.Suspended)
        {
            return new CaseTime(null, null, null, Warning.None, "中止中，不计入办理时限");
        }

        if (!CaseWorkflow.Open.Contains(found.Stage) || found.StepRole is null)
        {
            return new CaseTime(null, null, null, Warning.None, found.Stage == CaseStage.CorrectionRequested ? "等待申请人补正" : "");
        }

        // Once decided, the statutory clock has done its work; only delivery's own step runs.
        int? remaining = null;
        if (found.Stage != CaseStage.Decided && found.Deadline is { } deadline && CaseClock.Remaining(days, today, deadline, found.StatutoryLimit.Unit) is { Succeeded: true } left)
        {
            remaining = left.Value;
        }

        DateOnly? stepDue = null;
        int? stepRemaining = null;
        if (found.StepStartedOn is { } started && CaseClock.Due(days, started, found.StepLimit) is { Succeeded: true } due)
        {
            stepDue = due.Value;
            if (CaseClock.Remaining(days, today, due.Value, found.StepLimit.Unit) is { Succeeded: true } stepLeft)
            {
                stepRemaining = stepLeft.Value;
            }
        }

        var level = (Warning)Math.Max(
            remaining is { } r ? (int)CaseClock.Level(r, yellowDays) : 0,
            stepRemaining is { } s ? (int)CaseClock.Level(s, 0) : 0);
        // A count that rests on a year whose arrangement is not entered says so (暂定).
        var text = remaining is { } caseLeft ? CaseClock.RemainingText(caseLeft, found.StatutoryLimit.Unit) + (found.DeadlineProvisional ? "（暂定）" : "")
            : stepRemaining is { } stepLeftDays ? "本环节" + CaseClock.RemainingText(stepLeftDays, found.StepLimit.Unit)
                + (days.IsProvisional(today, stepDue!.Value) || days.IsProvisional(found.StepStartedOn!.Value, today) ? "（暂定）" : "")
            : found.AcceptedAt is not null && found.Stage != CaseStage.Decided ? "期限无法计算：日期超出可计算的范围" : "";
        return new CaseTime(remaining, stepDue, stepRemaining, level, text);
    }
}

public sealed record QueueRow(Case Case, CaseTime Time);

public sealed record QueueFilter(string? Stage = null, string? Warning = null, string? Query = null, bool All = false);

public sealed record StaffCaseView(
    Case Case, ItemContent Content, JsonObject Answers, string? ApplicantIdNumber, string ContactPhone,
    IReadOnlyList<CaseFile> Files, IReadOnlyList<CaseEvent> Events, IReadOnlyList<CaseDocument> Documents,
    IReadOnlyList<Certificate> Certificates, IReadOnlyList<CaseAction> Actions, CaseTime Time, IReadOnlyList<CorrectionItem> Corrections,
    IReadOnlyList<AnswerChange> AnswerChanges);

// The staff side's reads: the queue of cases waiting for one's roles in one's department, and
// one case with everything needed to act on it.
public sealed class StaffCases(HallDbContext db, WorkCalendar calendar, PersonalData personal, CaseAnswers answerHistory, CasesSettings settings, TimeProvider clock)
{
    // The most cases one queue shows, oldest first, before they are sorted by time left.
    public const int QueueLimit = 500;

    public async Task<IReadOnlyList<QueueRow>> QueueAsync(CaseActor actor, QueueFilter filter, CancellationToken cancellationToken)
    {
        var roles = actor.Roles.ToList();
        var visible = db.Cases.AsNoTracking();
        if (actor.Department != settings.ApprovalOffice)
        {
            visible = visible.Where(c => c.Department == actor.Department);
        }

        if (filter.Stage is { Length: > 0 } stageText && Enum.TryParse<CaseStage>(stageText, out var stage))
        {
            visible = visible.Where(c => c.Stage == stage);
        }

        if (filter.Query?.Trim() is { Length: > 0 } text)
        {
            var code = TrackingCode.TryParse(text, out var parsed) ? parsed.Value : text;
            visible = visible.Where(c => c.ItemName.Contains(text) || c.CaseNumber == text || c.TrackingCode == code || c.ApplicantName == text);
        }

        // The cases at each of the actor's steps, and for an approver also the (few) extension
        // requests waiting at other steps: one read each, answered from its own index (in its
        // order within a department, so such a read stops after QueueLimit rows; the approval
        // office sees every department and sorts). As one query with an OR, or with the list
        // of open stages (a case has a step role only while it is open), SQLite read every open
        // case for a role with nothing waiting; with the roles as one list (= ANY), PostgreSQL
        // read and sorted every case waiting at them: 39 ms for 25,000, against 0.6 ms for the
        // read of one role (bench/README.md).
        var everything = filter.All && actor.Roles.Contains(Roles.Supervisor);
        var reads = everything
            ? [visible.Where(c => CaseWorkflow.Open.Contains(c.Stage))]
            : roles.Select(role => visible.Where(c => c.StepRole == role)).ToList();
        if (!everything && actor.Roles.Contains(Roles.Approver))
        {
            reads.Add(visible.Where(c => c.ExtensionRequestedDays != null && c.Stage != CaseStage.Suspended && c.StepRole != null));
        }

        var cases = new List<Case>();
        foreach (var read in reads)
        {
            cases.AddRange(await read.OrderBy(c => c.SubmittedAt).Take(QueueLimit).ToListAsync(cancellationToken));
        }

        cases = [.. cases.DistinctBy(c => c.Id).OrderBy(c => c.SubmittedAt).Take(QueueLimit)];

        var days = (await calendar.LoadAsync(cancellationToken)).Provisional;
        var today = ChinaDate.Today(clock);
        var rows = cases.Select(c => new QueueRow(c, CaseTime.Of(c, days, today, settings.YellowDays)));
        if (filter.Warning is "Red" or "Yellow")
        {
            var wanted = Enum.Parse<Warning>(filter.Warning);
            rows = rows.Where(r => r.Time.Level == wanted);
        }

        // Least time left first; cases whose time is not running (suspended) last.
        return rows.OrderBy(r => r.Time.Remaining ?? r.Time.StepRemaining ?? int.MaxValue).ThenBy(r => r.Case.SubmittedAt).ToList();
    }

    // The case if this member of staff may see it: their department's (all for the approval
    // office), or any for a supervisor; otherwise null, as if it did not exist.
    public async Task<Case?> VisibleAsync(CaseActor actor, string? codeText, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(codeText, out var code))
        {
            return null;
        }

        var found = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.TrackingCode == code.Value, cancellationToken);
        return found is not null && (CaseWorkflow.Serves(actor, found, settings.ApprovalOffice) || actor.Roles.Contains(Roles.Supervisor)) ? found : null;
    }

    public async Task<Result<StaffCaseView>> FindAsync(CaseActor actor, string? codeText, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(actor, codeText, cancellationToken) is not { } found)
        {
            return CaseErrors.NotFound;
        }

        var content = await ItemQueries.ContentOfAsync(db, found.ItemId, found.ItemVersion, cancellationToken);
        var steps = CaseSteps.Of(content);
        var files = await db.CaseFiles.AsNoTracking().Where(f => f.CaseId == found.Id).OrderBy(f => f.Position).ToListAsync(cancellationToken);
        var events = await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == found.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => d.CaseId == found.Id).OrderBy(d => d.EventSequence).ToListAsync(cancellationToken);
        var issued = await db.Certificates.AsNoTracking().Where(c => c.CaseId == found.Id).ToListAsync(cancellationToken);
        var days = (await calendar.LoadAsync(cancellationToken)).Provisional;
        var answers = JsonNode.Parse(personal.Unprotect(found.AnswersProtected)) as JsonObject ?? [];
        return new StaffCaseView(found, content, answers,
            found.ApplicantIdNumberProtected is { } id ? personal.Unprotect(id) : null, personal.Unprotect(found.ContactPhoneProtected),
            files, events, documents, issued, CaseWorkflow.Available(actor, found, steps, settings.ApprovalOffice),
            CaseTime.Of(found, days, ChinaDate.Today(clock), settings.YellowDays), found.Corrections(),
            await answerHistory.ChangesAsync(found, content, cancellationToken));
    }
}
