using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Catalog;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Cases;

// Takes one action on a case, the same way for every action (its rules and its change are the
// command's own, under Handling/Actions): load the case for the actor, check the revision the
// actor saw, that the stage allows the action, that the actor's role may take it and that the
// command carries what it requires; then, in one transaction on a write turn, the command
// changes the case, the CaseEvent is appended with the documents it issued and its messages
// are queued. Two people acting at once: the second is told the case changed, and nothing is
// overwritten.
public sealed class HandleCase(
    HallDbContext db, WorkCalendar calendar, CaseOffice office, CaseNotifications notifications, TimeProvider clock, WriteTurns turns)
{
    public async Task<Result<Case>> RunAsync(string? code, CaseActor actor, CaseCommand command, string baseUrl, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(code, out var trackingCode))
        {
            return CaseErrors.NotFound;
        }

        var found = await db.Cases.SingleOrDefaultAsync(c => c.TrackingCode == trackingCode.Value, cancellationToken);
        if (found is null || (actor.IsApplicant && !await OwnsAsync(actor, found, cancellationToken)))
        {
            return CaseErrors.NotFound;
        }

        if (found.Revision != command.Revision)
        {
            return CaseErrors.Changed;
        }

        var content = await ItemQueries.ContentOfAsync(db, found.ItemId, found.ItemVersion, cancellationToken);
        var steps = CaseSteps.Of(content);
        if (!CaseWorkflow.Possible(found, steps).Contains(command.Action))
        {
            return CaseErrors.NotAllowed(found.Stage, command.Action);
        }

        if (!CaseWorkflow.MayTake(actor, command.Action, found, office.Settings.ApprovalOffice))
        {
            return CaseErrors.RoleNotAllowed(command.Action, actor.IsApplicant ? null : command.Action is CaseAction.Extend or CaseAction.RefuseExtension ? Roles.Approver : found.StepRole);
        }

        var problems = command.Check(found, content);
        if (problems.Count > 0)
        {
            return Result<Case>.Fail(problems);
        }

        var at = new CaseMoment(steps, (await calendar.LoadAsync(cancellationToken)).Provisional, clock.GetUtcNow().UtcDateTime);
        var change = new CaseChange(found, content, at, actor, baseUrl, office);
        var plans = await notifications.PlanAsync(found, command.Action, cancellationToken);

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
            found.BeginChange();
            var applied = await command.ApplyAsync(change, writing);
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
                At = at.Now,
            });
            foreach (var (kind, stored, number) in change.Documents)
            {
                db.CaseDocuments.Add(new CaseDocument
                {
                    CaseId = found.Id,
                    EventSequence = sequence,
                    Kind = kind,
                    Title = CaseNotices.TitleOf(kind, found),
                    Number = number,
                    Sha256 = stored.Sha256,
                    Length = stored.Length,
                    CreatedAt = at.Now,
                });
            }

            notifications.Queue(change, command, sequence, plans);
            await db.SaveChangesAsync(writing);
            await transaction.CommitAsync(writing);
        }
        catch (DbUpdateException)
        {
            // Another action on the same case won (its revision or its event number came first),
            // or something else failed, which is thrown on.
            if (await ChangedMeanwhileAsync(found.Id, command.Revision, transaction))
            {
                return CaseErrors.Changed;
            }

            throw;
        }

        return found;
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

    private async Task<bool> OwnsAsync(CaseActor actor, Case found, CancellationToken cancellationToken) =>
        found.AccountId == actor.AccountId
        || (found.OrganizationId is { } organization && await Memberships.ActsForAsync(db, organization, actor.AccountId, cancellationToken));
}
