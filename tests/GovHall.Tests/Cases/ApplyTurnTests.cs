using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Cases;

// SQLite only: there the submissions take turns to write, and a person may leave while waiting.
public sealed class ApplyTurnTests(SqliteHall hall) : HallTest(hall), IClassFixture<SqliteHall>
{
    // A person who leaves while the submission waits for its turn: nothing is written, and the
    // rows the submission had prepared do not stay in its context for a later save.
    [Fact]
    public async Task PersonWhoLeavesWhileWaitingForTheTurn_LeavesNothingBehind()
    {
        var zhangsan = await Staff.SignInAsync(Hall, "zhangsan");
        var formUrl = await TeacherApplication.DraftAsync(Hall, zhangsan);
        var draftId = Guid.Parse(formUrl.Split('/')[3]);
        var accountId = await Hall.WithDbAsync(db => db.Users.Where(u => u.UserName == "zhangsan").Select(u => u.Id).SingleAsync(Cancel));

        await using var holder = Hall.Services.CreateAsyncScope();
        var turns = Hall.Services.GetRequiredService<GovHall.Core.WriteTurns>();
        using (await turns.TakeAsync(holder.ServiceProvider.GetRequiredService<HallDbContext>(), Cancel))
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            using var leaving = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

            // The Submit event is the last row the submission prepares before it asks for its
            // turn, which this test holds: the person leaves once it is there.
            var prepared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            db.ChangeTracker.Tracked += (_, tracked) =>
            {
                if (tracked.Entry is { Entity: CaseEvent { Action: CaseAction.Submit }, State: EntityState.Added })
                {
                    prepared.TrySetResult();
                }
            };
            var submitting = scope.ServiceProvider.GetRequiredService<SubmitDraft>().RunAsync(draftId, accountId, declared: true, leaving.Token);
            await Task.WhenAny(prepared.Task, submitting).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            leaving.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitting);
            Assert.DoesNotContain(db.ChangeTracker.Entries(), e => e.Entity is CaseFile or CaseEvent or Case);
        }

        Assert.False(await Hall.WithDbAsync(db => db.Cases.AnyAsync(c => c.SubmissionKey == $"draft:{draftId}", Cancel)));
        Assert.Null(await Hall.WithDbAsync(db => db.ApplicationDrafts.Where(d => d.Id == draftId).Select(d => d.SubmittedCaseId).SingleAsync(Cancel)));
    }
}
