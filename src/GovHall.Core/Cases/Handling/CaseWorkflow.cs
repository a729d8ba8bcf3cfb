using GovHall.Core.Accounts;
using GovHall.Core.Catalog;

namespace GovHall.Core.Cases;

// Who is acting: the applicant (or an agent of the applying organisation), or a member of staff
// with their roles and department.
public sealed record CaseActor(string Name, Guid AccountId, bool IsApplicant, IReadOnlySet<string> Roles, string? Department)
{
    public static CaseActor Applicant(string name, Guid accountId) => new(name, accountId, true, new HashSet<string>(), null);

    public static CaseActor Staff(string name, Guid accountId, IEnumerable<string> roles, string? department) =>
        new(name, accountId, false, roles.ToHashSet(StringComparer.Ordinal), department);
}

// The item's steps (办理流程) read as a workflow: the acceptance step (the first one for the
// window), the review steps after it, the decision step (the last approval step, or the last
// review step when the item has no approval), and the delivery steps after that. Each step's
// role is the one of Roles whose label the catalog uses (窗口受理, 审核, 审批); 申请人 is the
// applicant's own step and is skipped.
public sealed class CaseSteps
{
    private CaseSteps(IReadOnlyList<ProcessStep> steps, IReadOnlyList<string?> roles, int acceptance, int decision)
    {
        Steps = steps;
        RoleOf = roles;
        Acceptance = acceptance;
        Decision = decision;
    }

    public IReadOnlyList<ProcessStep> Steps { get; }
    public IReadOnlyList<string?> RoleOf { get; }
    public int Acceptance { get; }
    public int Decision { get; }

    public static CaseSteps Of(ItemContent content)
    {
        var steps = content.Steps.Count > 0
            ? content.Steps
            : [new ProcessStep { Name = "受理", Role = Roles.Label(Roles.WindowClerk) }];
        var roles = steps.Select(s => RoleFor(s.Role)).ToList();
        var acceptance = roles.IndexOf(Roles.WindowClerk);
        if (acceptance < 0)
        {
            acceptance = Math.Max(0, roles.FindIndex(r => r is not null));
            roles[acceptance] = Roles.WindowClerk;
        }

        var decision = roles.LastIndexOf(Roles.Approver);
        if (decision < acceptance)
        {
            decision = roles.LastIndexOf(Roles.Reviewer);
        }

        if (decision < acceptance)
        {
            decision = acceptance;
        }

        return new CaseSteps(steps, roles, acceptance, decision);
    }

    // The catalog names roles by their Chinese labels; the role names themselves also work.
    public static string? RoleFor(string label) =>
        Roles.All.FirstOrDefault(r => r == label || Roles.Label(r) == label)
        ?? (label.Contains("审批", StringComparison.Ordinal) || label.Contains("决定", StringComparison.Ordinal) ? Roles.Approver
            : label.Contains('审', StringComparison.Ordinal) ? Roles.Reviewer
            : label.Contains("申请", StringComparison.Ordinal) ? null
            : Roles.WindowClerk);

    // The first step after `index` that staff act on (the delivery step after a decision).
    public int? NextAfter(int index)
    {
        for (var i = index + 1; i < Steps.Count; i++)
        {
            if (RoleOf[i] is not null)
            {
                return i;
            }
        }

        return null;
    }

    public int? PreviousBefore(int index)
    {
        for (var i = index - 1; i > Acceptance; i--)
        {
            if (RoleOf[i] is not null)
            {
                return i;
            }
        }

        return null;
    }
}

// Which actions can be taken on a case now, and by whom. Pages show only these; HandleCase
// refuses anything else with a clear reason.
public static class CaseWorkflow
{
    public static readonly CaseStage[] Open =
        [CaseStage.Submitted, CaseStage.PreReviewed, CaseStage.CorrectionRequested, CaseStage.Accepted, CaseStage.UnderReview, CaseStage.Suspended, CaseStage.Decided];

    public static bool BeforeDecision(CaseStage stage) =>
        stage is CaseStage.Submitted or CaseStage.PreReviewed or CaseStage.CorrectionRequested or CaseStage.Accepted or CaseStage.UnderReview or CaseStage.Suspended;

    // Actions the case's stage and step allow, whoever asks.
    public static IReadOnlyList<CaseAction> Possible(Case found, CaseSteps steps)
    {
        var actions = new List<CaseAction>();
        switch (found.Stage)
        {
            case CaseStage.Submitted:
                actions.AddRange([CaseAction.PreReviewPass, CaseAction.RequestCorrection, CaseAction.Accept, CaseAction.Refuse]);
                break;
            case CaseStage.PreReviewed:
                actions.AddRange([CaseAction.RequestCorrection, CaseAction.Accept, CaseAction.Refuse]);
                break;
            case CaseStage.CorrectionRequested:
                actions.Add(CaseAction.Resubmit);
                break;
            case CaseStage.Accepted or CaseStage.UnderReview:
                actions.Add(found.StepIndex >= steps.Decision ? CaseAction.Decide : CaseAction.Review);
                if (steps.PreviousBefore(found.StepIndex) is not null)
                {
                    actions.Add(CaseAction.SendBack);
                }

                actions.Add(CaseAction.Suspend);
                if (found.ExtensionDays == 0 && found.ExtensionRequestedDays is null)
                {
                    actions.Add(CaseAction.RequestExtension);
                }

                if (found.ExtensionRequestedDays is not null)
                {
                    actions.AddRange([CaseAction.Extend, CaseAction.RefuseExtension]);
                }

                break;
            case CaseStage.Suspended:
                actions.Add(CaseAction.Resume);
                break;
            case CaseStage.Decided:
                actions.Add(CaseAction.Conclude);
                break;
        }

        if (BeforeDecision(found.Stage))
        {
            actions.Add(CaseAction.Withdraw);
        }

        return actions;
    }

    // Applicants resubmit and withdraw; an extension is approved by an approver of the case's
    // department; every other action belongs to the role of the step the case is at.
    public static bool MayTake(CaseActor actor, CaseAction action, Case found, string approvalOffice)
    {
        if (action is CaseAction.Resubmit or CaseAction.Withdraw)
        {
            return actor.IsApplicant;
        }

        if (actor.IsApplicant || !Serves(actor, found, approvalOffice))
        {
            return false;
        }

        return action is CaseAction.Extend or CaseAction.RefuseExtension
            ? actor.Roles.Contains(Roles.Approver)
            : found.StepRole is { } role && actor.Roles.Contains(role);
    }

    // Staff handle the cases of their own department; the bureau's approval office (行政审批科,
    // 相对集中行政许可) handles the cases of every department.
    public static bool Serves(CaseActor actor, Case found, string approvalOffice) =>
        actor.Department is { } department && (department == found.Department || department == approvalOffice);

    public static IReadOnlyList<CaseAction> Available(CaseActor actor, Case found, CaseSteps steps, string approvalOffice) =>
        Possible(found, steps).Where(a => MayTake(actor, a, found, approvalOffice)).ToList();
}
