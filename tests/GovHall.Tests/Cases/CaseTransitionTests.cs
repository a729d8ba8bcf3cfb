using System.Globalization;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;

namespace GovHall.Tests.Cases;

// The case's transitions on their own, without a database (as eShop's OrderAggregateTest): what
// each one changes, what it refuses, and the deadlines it moves. HandlingTests drive the same
// actions through the pages on both databases.
public sealed class CaseTransitionTests
{
    private static readonly WorkingDays Official = new(OfficialCalendars.Days(), [2025, 2026]);

    // 窗口受理 → 审核 → 审批 → 送达, 20 working days by law, 10 promised.
    private static readonly CaseSteps Steps = CaseSteps.Of(new ItemContent
    {
        Steps =
        [
            new ProcessStep { Name = "受理", Role = "窗口受理", TimeLimit = new TimeLimit { Value = 1 } },
            new ProcessStep { Name = "审核", Role = "审核", TimeLimit = new TimeLimit { Value = 5 } },
            new ProcessStep { Name = "审批", Role = "审批", TimeLimit = new TimeLimit { Value = 3 } },
            new ProcessStep { Name = "送达", Role = "窗口受理", TimeLimit = new TimeLimit { Value = 1 } },
        ],
    });

    private static CaseMoment At(string day) =>
        new(Steps, Official, DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).AddHours(2));

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Case NewCase(string submittedOn = "2026-03-02")
    {
        var made = new Case
        {
            TrackingCode = "TEST", CaseNumber = "N1", ItemCode = "ITEM", ItemName = "测试事项", Situation = "", Department = "教育局",
            ApplicantName = "张三", ContactPhoneProtected = "-", AnswersProtected = "-", SubmissionKey = "k", SubmissionHash = "h",
            StatutoryLimit = new TimeLimit { Value = 20 }, PromisedLimit = new TimeLimit { Value = 10 },
        };
        made.WaitForAcceptance(Steps, D(submittedOn));
        return made;
    }

    [Fact]
    public void NewCase_WaitsAtAcceptance_ForTheWindow()
    {
        var made = NewCase();

        Assert.Equal(CaseStage.Submitted, made.Stage);
        Assert.Equal("受理", made.StepName);
        Assert.Equal(GovHall.Core.Accounts.Roles.WindowClerk, made.StepRole);
        Assert.Null(made.Deadline);
    }

    [Fact]
    public void Accept_StartsTheStatutoryClock_AndMovesToReview()
    {
        var made = NewCase();

        var accepted = made.Accept(At("2026-03-02"));

        Assert.True(accepted.Succeeded);
        Assert.Equal(CaseStage.Accepted, made.Stage);
        Assert.Equal(D("2026-03-30"), made.Deadline);
        Assert.Equal(D("2026-03-16"), made.PromisedDeadline);
        Assert.Equal("审核", made.StepName);
        Assert.Equal(GovHall.Core.Accounts.Roles.Reviewer, made.StepRole);
    }

    [Fact]
    public void Accept_WhenAlreadyAccepted_IsRefused_AndChangesNothing()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));

        var again = made.Accept(At("2026-03-03"));

        Assert.Equal("case.action_not_allowed", Assert.Single(again.Errors).Code);
        Assert.Equal(D("2026-03-30"), made.Deadline);
        Assert.Equal(D("2026-03-02"), made.StepStartedOn);
    }

    [Fact]
    public void SuspendAndResume_MoveTheDeadlines_ByTheWorkingDaysSuspended()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));

        Assert.True(made.Suspend(At("2026-03-04")).Succeeded);
        Assert.Equal(CaseStage.Suspended, made.Stage);
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Review(At("2026-03-05")).Errors).Code);
        Assert.True(made.Resume(At("2026-03-11")).Succeeded);

        // 3-5 … 3-11: five working days out of the count, in both limits and in the step.
        Assert.Equal(CaseStage.Accepted, made.Stage);
        Assert.Equal(5, made.SuspendedWorkingDays);
        Assert.Equal(7, made.SuspendedCalendarDays);
        Assert.Equal(D("2026-04-07"), made.Deadline);
        Assert.Equal(D("2026-03-23"), made.PromisedDeadline);
        Assert.Equal(D("2026-03-09"), made.StepStartedOn);
    }

    [Fact]
    public void Resume_InAYearWithoutCalendar_IsRefused_AndTheCaseStaysSuspended()
    {
        var withoutNextYear = new WorkingDays(OfficialCalendars.Days(), [2026]);
        var made = NewCase("2026-12-21");
        made.Accept(At("2026-12-21") with { Days = withoutNextYear });
        made.Suspend(At("2026-12-22") with { Days = withoutNextYear });

        var resumed = made.Resume(At("2027-01-05") with { Days = withoutNextYear });

        Assert.False(resumed.Succeeded);
        Assert.Equal(CaseStage.Suspended, made.Stage);
        Assert.Equal(0, made.SuspendedWorkingDays);
    }

    [Fact]
    public void Extend_AddsTheDaysAskedFor_ToTheStatutoryDeadlineOnly()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Extend(At("2026-03-03")).Errors).Code);

        made.RequestExtension(At("2026-03-03"), 10);
        Assert.True(made.Extend(At("2026-03-04")).Succeeded);

        // 20 + 10 working days from 3-2, 清明 (4-4 … 4-6) in between.
        Assert.Equal(10, made.ExtensionDays);
        Assert.Null(made.ExtensionRequestedDays);
        Assert.Equal(D("2026-04-14"), made.Deadline);
        Assert.Equal(D("2026-03-16"), made.PromisedDeadline);
        Assert.Equal("case.action_not_allowed", Assert.Single(made.RequestExtension(At("2026-03-05"), 5).Errors).Code);
    }

    [Fact]
    public void ReviewThenDecide_ReachesDelivery_AtTheWindow()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Decide(At("2026-03-03"), Decision.Granted).Errors).Code);

        Assert.True(made.Review(At("2026-03-03")).Succeeded);
        Assert.Equal("审批", made.StepName);
        Assert.True(made.Decide(At("2026-03-04"), Decision.Granted).Succeeded);

        Assert.Equal(CaseStage.Decided, made.Stage);
        Assert.Equal(Decision.Granted, made.Decision);
        Assert.Equal("送达", made.StepName);
        Assert.Equal(GovHall.Core.Accounts.Roles.WindowClerk, made.StepRole);
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Withdraw(At("2026-03-05")).Errors).Code);
    }

    [Fact]
    public void Conclude_EndsTheCase_AndLeavesNoRoleToAct()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));
        made.Review(At("2026-03-03"));
        made.Decide(At("2026-03-04"), Decision.Granted);

        Assert.True(made.Conclude(At("2026-03-05"), DeliveryWay.Mail, "  EMS123456 ").Succeeded);

        Assert.Equal(CaseStage.Concluded, made.Stage);
        Assert.Null(made.StepRole);
        Assert.Equal("EMS123456", made.DeliveryNote);
        Assert.NotNull(made.ConcludedAt);
        Assert.Empty(CaseWorkflow.Possible(made, Steps));
    }

    [Fact]
    public void RequestCorrection_ThenResubmit_ReturnsTheCaseToAcceptance()
    {
        var made = NewCase();
        var asked = made.RequestCorrection(At("2026-03-02"), [new CorrectionItem("身份证明", "照片不清晰")], D("2026-04-01"));

        Assert.True(asked.Succeeded);
        Assert.Equal(CaseStage.CorrectionRequested, made.Stage);
        Assert.Null(made.StepRole);
        Assert.Equal("身份证明", Assert.Single(made.Corrections()).Material);
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Accept(At("2026-03-03")).Errors).Code);

        Assert.True(made.Resubmit(At("2026-03-04")).Succeeded);
        Assert.Equal(CaseStage.Submitted, made.Stage);
        Assert.Empty(made.Corrections());
        Assert.Null(made.CorrectionDueOn);
        Assert.Equal("受理", made.StepName);
        Assert.Equal(D("2026-03-04"), made.StepStartedOn);
    }

    [Fact]
    public void Withdraw_BeforeTheDecision_EndsTheCase()
    {
        var made = NewCase();
        made.Accept(At("2026-03-02"));

        Assert.True(made.Withdraw(At("2026-03-03")).Succeeded);

        Assert.Equal(CaseStage.Withdrawn, made.Stage);
        Assert.Null(made.StepRole);
        Assert.Equal("case.action_not_allowed", Assert.Single(made.Suspend(At("2026-03-04")).Errors).Code);
    }
}
