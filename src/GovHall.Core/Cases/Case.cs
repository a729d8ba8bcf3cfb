using GovHall.Core.Catalog;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;

namespace GovHall.Core.Cases;

// One application being handled (办件), from submission to delivery. It keeps a snapshot of
// what was applied for (item version, situation, answers, files) and who applied, so later
// catalog edits never change a case. Every change is a CaseEvent written in the same
// transaction. Personal data (the applicant's ID number, the contact phone, the answers) is
// encrypted with PersonalData.
// Its state changes only through the transitions below (Accept, Refuse, Suspend, …): each
// checks that the case's stage and step allow it (CaseWorkflow.Possible) and answers a Result;
// HandleCase runs them inside its transaction, with the event that records them.
public sealed class Case
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string TrackingCode { get; init; }
    public required string CaseNumber { get; init; }

    public Guid ItemId { get; init; }
    public required string ItemCode { get; init; }
    public int ItemVersion { get; init; }
    public required string ItemName { get; init; }
    public required string Situation { get; init; }
    public required string Department { get; init; }

    public ApplicantType ApplicantType { get; init; }
    public required string ApplicantName { get; init; }
    public string? ApplicantIdNumberProtected { get; init; }
    public string? CreditCode { get; init; }
    public string? AgentName { get; init; }
    public required string ContactPhoneProtected { get; init; }
    public Guid? AccountId { get; init; }
    public Guid? OrganizationId { get; init; }
    public required string AnswersProtected { get; init; }

    public CaseChannel Channel { get; init; }
    public string? PartnerClientId { get; init; }

    // Idempotency: one case per key ("draft:{id}", or "partner:" + SHA-256 of client and Idempotency-Key),
    // and the hash of what was submitted under it, so a reused key with other content is refused.
    public required string SubmissionKey { get; init; }
    public required string SubmissionHash { get; init; }

    public CaseStage Stage { get; private set; } = CaseStage.Submitted;
    public DateTime SubmittedAt { get; init; }
    public DateTime? AcceptedAt { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public DateTime? ConcludedAt { get; private set; }
    public required TimeLimit StatutoryLimit { get; init; }
    public required TimeLimit PromisedLimit { get; init; }

    // The step of the item's steps (办理流程) that the case is at, the role that must act on
    // it, and when it got there: each step has its own time allotment. The role is set only
    // while the case is open (HandleCase clears it when the case is refused, concluded or
    // withdrawn); the staff queue relies on that.
    public int StepIndex { get; private set; }
    public string StepName { get; private set; } = "";
    public string? StepRole { get; private set; }
    public DateOnly? StepStartedOn { get; private set; }
    public TimeLimit StepLimit { get; private set; } = new();

    // The statutory deadline (Deadline) and the promised one, moved by suspension and extension.
    public DateOnly? PromisedDeadline { get; private set; }

    // The deadlines rest on a year whose official arrangement is not yet entered (暂定): counted
    // as Monday to Friday until it is, then counted again (RecountDeadlines).
    public bool DeadlineProvisional { get; private set; }
    public CaseStage? SuspendedFromStage { get; private set; }
    public DateOnly? SuspendedOn { get; private set; }
    public int SuspendedWorkingDays { get; private set; }
    public int SuspendedCalendarDays { get; private set; }
    public int? ExtensionRequestedDays { get; private set; }
    public int ExtensionDays { get; private set; }

    // What the applicant must correct (the one-time notice of the last return), as JSON.
    public string? CorrectionNotice { get; private set; }

    // The day by which the applicant should correct (GovHall:Cases:CorrectionDays after the notice).
    public DateOnly? CorrectionDueOn { get; private set; }

    public IReadOnlyList<CorrectionItem> Corrections() => CorrectionNotice is { } notice
        ? System.Text.Json.JsonSerializer.Deserialize<List<CorrectionItem>>(notice) ?? []
        : [];
    public Decision? Decision { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public DeliveryWay? DeliveredBy { get; private set; }
    public string? DeliveryNote { get; private set; }

    // Optimistic concurrency: two members of staff acting at once cannot both win.
    public int Revision { get; private set; }

    // The revision moves first, so a second action on the same case fails on its first write.
    public void BeginChange() => Revision++;

    // The case waits at the item's acceptance step, whose allotment runs from today.
    public void WaitForAcceptance(CaseSteps steps, DateOnly today) => MoveTo(steps, steps.Acceptance, today);

    public Result<Case> PassPreReview(CaseMoment at) => Take(CaseAction.PreReviewPass, at, () => Stage = CaseStage.PreReviewed);

    public Result<Case> RequestCorrection(CaseMoment at, IReadOnlyList<CorrectionItem> corrections, DateOnly dueOn) => Take(CaseAction.RequestCorrection, at, () =>
    {
        CorrectionDueOn = dueOn;
        Stage = CaseStage.CorrectionRequested;
        CorrectionNotice = System.Text.Json.JsonSerializer.Serialize(corrections);
        StepRole = null;
    });

    public Result<Case> Resubmit(CaseMoment at) => Take(CaseAction.Resubmit, at, () =>
    {
        Stage = CaseStage.Submitted;
        CorrectionNotice = null;
        CorrectionDueOn = null;
        MoveTo(at.Steps, at.Steps.Acceptance, at.Today);
    });

    public Result<Case> Accept(CaseMoment at) => Take(CaseAction.Accept, at, () =>
    {
        AcceptedAt = at.Now;
        Stage = CaseStage.Accepted;
        Recompute(at.Days, at.Today);
        MoveTo(at.Steps, at.Steps.NextAfter(at.Steps.Acceptance) is { } next && next <= at.Steps.Decision ? next : at.Steps.Decision, at.Today);
    });

    public Result<Case> Refuse(CaseMoment at) => Take(CaseAction.Refuse, at, () => End(CaseStage.Refused, at));

    public Result<Case> Review(CaseMoment at) => Take(CaseAction.Review, at, () =>
    {
        Stage = CaseStage.UnderReview;
        MoveTo(at.Steps, at.Steps.NextAfter(StepIndex) is { } following && following <= at.Steps.Decision ? following : at.Steps.Decision, at.Today);
    });

    public Result<Case> SendBack(CaseMoment at) => Take(CaseAction.SendBack, at, () =>
    {
        Stage = CaseStage.UnderReview;
        MoveTo(at.Steps, at.Steps.PreviousBefore(StepIndex)!.Value, at.Today);
    });

    public Result<Case> Suspend(CaseMoment at) => Take(CaseAction.Suspend, at, () =>
    {
        SuspendedFromStage = Stage;
        SuspendedOn = at.Today;
        Stage = CaseStage.Suspended;
    });

    // The days suspended are counted on the calendar; a year without one refuses the
    // resumption (with the calendar's own message) rather than guess. The step's own allotment
    // moves by the same time: its start shifts forward.
    public Result<Case> Resume(CaseMoment at)
    {
        if (Guard(CaseAction.Resume, at) is { } refused)
        {
            return refused;
        }

        var since = SuspendedOn!.Value;
        var working = CaseClock.Suspended(at.Days, since, at.Today, LimitUnit.WorkingDays);
        if (!working.Succeeded)
        {
            return Result<Case>.Fail(working.Errors);
        }

        var calendarDays = at.Today.DayNumber - since.DayNumber;
        SuspendedWorkingDays += working.Value;
        SuspendedCalendarDays += calendarDays;
        Stage = SuspendedFromStage ?? CaseStage.UnderReview;
        SuspendedFromStage = null;
        SuspendedOn = null;
        if (StepStartedOn is { } started)
        {
            StepStartedOn = CaseClock.ShiftedStart(at.Days, started, StepLimit.Unit, working.Value, calendarDays);
        }

        Recompute(at.Days, at.Today);
        return this;
    }

    public Result<Case> RequestExtension(CaseMoment at, int days) => Take(CaseAction.RequestExtension, at, () => ExtensionRequestedDays = days);

    public Result<Case> Extend(CaseMoment at) => Take(CaseAction.Extend, at, () =>
    {
        ExtensionDays = ExtensionRequestedDays!.Value;
        ExtensionRequestedDays = null;
        Recompute(at.Days, at.Today);
    });

    public Result<Case> RefuseExtension(CaseMoment at) => Take(CaseAction.RefuseExtension, at, () => ExtensionRequestedDays = null);

    // A decision moves the case to the item's delivery step, or to a one-day 送达 step at the
    // window when the item names none.
    public Result<Case> Decide(CaseMoment at, Decision decision) => Take(CaseAction.Decide, at, () =>
    {
        Decision = decision;
        DecidedAt = at.Now;
        ExtensionRequestedDays = null;
        Stage = CaseStage.Decided;
        if (at.Steps.NextAfter(at.Steps.Decision) is { } delivery)
        {
            MoveTo(at.Steps, delivery, at.Today);
        }
        else
        {
            StepName = "送达";
            StepRole = Roles.WindowClerk;
            StepStartedOn = at.Today;
            StepLimit = new TimeLimit { Value = 1, Unit = LimitUnit.WorkingDays };
        }
    });

    public Result<Case> Conclude(CaseMoment at, DeliveryWay delivery, string? note) => Take(CaseAction.Conclude, at, () =>
    {
        DeliveredBy = delivery;
        DeliveryNote = note?.Trim() is { Length: > 0 } given ? given : null;
        End(CaseStage.Concluded, at);
    });

    public Result<Case> Withdraw(CaseMoment at) => Take(CaseAction.Withdraw, at, () => End(CaseStage.Withdrawn, at));

    private Result<Case> Take(CaseAction action, CaseMoment at, Action change)
    {
        if (Guard(action, at) is { } refused)
        {
            return refused;
        }

        change();
        return this;
    }

    private Error? Guard(CaseAction action, CaseMoment at) =>
        CaseWorkflow.Possible(this, at.Steps).Contains(action) ? null : CaseErrors.NotAllowed(Stage, action);

    private void End(CaseStage stage, CaseMoment at)
    {
        Stage = stage;
        ConcludedAt = at.Now;
        StepRole = null;
    }

    private void MoveTo(CaseSteps steps, int index, DateOnly today)
    {
        var step = steps.Steps[index];
        StepIndex = index;
        StepName = step.Name;
        StepRole = steps.RoleOf[index] ?? Roles.WindowClerk;
        StepStartedOn = today;
        StepLimit = new TimeLimit { Value = step.TimeLimit.Value, Unit = step.TimeLimit.Unit };
    }

    // The calendar as it now stands, once a year it rested on has been entered: the working days
    // suspended, recounted from the case's own suspensions, and the deadlines from them.
    public void Recount(WorkingDays days, int suspendedWorkingDays, DateOnly today)
    {
        SuspendedWorkingDays = suspendedWorkingDays;
        Recompute(days, today);
    }

    // With the strict calendar a year without an arrangement leaves a deadline unknown; with its
    // provisional twin (what HandleCase gives) it is counted as Monday to Friday and marked 暂定
    // when any year from acceptance to the deadline (or to today, for the time suspended) is missing.
    private void Recompute(WorkingDays days, DateOnly today)
    {
        if (AcceptedAt is not { } accepted)
        {
            return;
        }

        var acceptedOn = ChinaDate.Of(accepted);
        (Deadline, PromisedDeadline) = CaseClock.Deadlines(
            days, acceptedOn, StatutoryLimit, PromisedLimit, ExtensionDays, SuspendedWorkingDays, SuspendedCalendarDays);
        var last = new[] { Deadline ?? today, PromisedDeadline ?? today, today }.Max();
        DeadlineProvisional = Deadline is null || days.IsProvisional(acceptedOn, last);
    }
}

// When an action happens: the item's steps read as a workflow, the work calendar, and the
// moment (in UTC; Today is the day in China).
public sealed record CaseMoment(CaseSteps Steps, WorkingDays Days, DateTime Now)
{
    public DateOnly Today { get; } = ChinaDate.Of(Now);
}
