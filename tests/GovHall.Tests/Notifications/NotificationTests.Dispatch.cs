using System.Net;
using System.Text.Json;
using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Notifications;
using GovHall.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovHall.Tests.Notifications;

// The dispatcher: claims and leases between nodes, write turns, gateway failures and retries,
// dead letters, and the SMS gateway's receipts.
public abstract partial class NotificationTests
{
    [Fact]
    public async Task TwoDispatchers_AtOnce_NeverSendTheSameMessageTwice()
    {
        await StartAtChinaHourAsync(10);
        var ids = new List<Guid>();
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            var personal = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var now = Notify.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < 120; i++)
            {
                var notification = new Notification
                {
                    IdempotencyKey = $"test:two-dispatchers:{Guid.NewGuid()}", Kind = NotificationKind.CaseAccepted, Channel = NotificationChannel.Sms,
                    AddressProtected = personal.Protect("13800000001"), Subject = "测试", Body = $"并发测试 {i}", State = NotificationState.Pending,
                    NextAttemptAt = now, CreatedAt = now,
                };
                db.Notifications.Add(notification);
                ids.Add(notification.Id);
            }

            await db.SaveChangesAsync(Cancel);
        }

        var before = Notify.Gateway.Received.Count;
        var counts = await Task.WhenAll(DispatchAsync("node-a"), DispatchAsync("node-b"));
        var mine = Notify.Gateway.Received.Skip(before).Where(r => ids.Contains(Guid.ParseExact(r.MessageId, "N"))).ToList();
        Assert.Equal(120, mine.Count);
        Assert.Equal(120, mine.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(120, counts.Sum());
        var states = await Hall.WithDbAsync(db => db.Notifications.Where(n => ids.Contains(n.Id)).Select(n => n.State).ToListAsync(Cancel));
        Assert.All(states, s => Assert.Equal(NotificationState.Sent, s));
    }

    [Fact]
    public async Task SlowSends_EachMessageStartsWithAWholeLease_SoNoneOutlivesItsClaim()
    {
        await StartAtChinaHourAsync(10);
        var ids = new[] { await QueueSmsAsync(urgent: true), await QueueSmsAsync(urgent: true), await QueueSmsAsync(urgent: true) };
        var before = Notify.Gateway.Received.Count;
        var leaseLeft = new List<TimeSpan>();
        // Each send takes 50 s: the third starts 100 s after the batch was claimed, when less
        // than half of the batch's 2-minute lease is left.
        Notify.Gateway.OnReceive = messageId =>
        {
            var id = Guid.ParseExact(messageId, "N");
            if (ids.Contains(id))
            {
                var until = Hall.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ClaimedUntil).SingleAsync(Cancel)).GetAwaiter().GetResult();
                lock (leaseLeft)
                {
                    leaseLeft.Add(until!.Value - Notify.Clock.GetUtcNow().UtcDateTime);
                }
            }

            Notify.Clock.Advance(TimeSpan.FromSeconds(50));
        };
        try
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
            Assert.Equal(3, await dispatcher.DispatchOnceAsync("slow", 50, Cancel));
        }
        finally
        {
            Notify.Gateway.OnReceive = null;
        }

        Assert.Equal(3, leaseLeft.Count);
        Assert.All(leaseLeft, left => Assert.True(left >= NotificationDispatcher.Lease - TimeSpan.FromSeconds(1), $"only {left} of the lease was left"));
        var mine = Notify.Gateway.Received.Skip(before).Select(r => Guid.ParseExact(r.MessageId, "N")).Where(ids.Contains).ToList();
        Assert.Equal(3, mine.Count);
        Assert.Equal(3, mine.Distinct().Count());
        var states = await Hall.WithDbAsync(db => db.Notifications.Where(n => ids.Contains(n.Id)).Select(n => n.State).ToListAsync(Cancel));
        Assert.All(states, state => Assert.Equal(NotificationState.Sent, state));
    }

    // On SQLite the dispatcher's writes take their turn with the submissions (WriteTurns)
    // instead of sleeping in SQLite's busy handler; on PostgreSQL nothing waits.
    [Fact]
    public async Task Dispatcher_WritesInTurn_OnlyOnSqlite()
    {
        await StartAtChinaHourAsync(10);
        var id = await QueueSmsAsync(urgent: true);
        var turns = Hall.Services.GetRequiredService<WriteTurns>();
        await using var scope = Hall.Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<NotificationDispatcher>();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();

        // The dispatcher first reads what is due (its connection closes after the read), then
        // takes its turn to claim it.
        var readDue = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        db.Database.GetDbConnection().StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                readDue.TrySetResult();
            }
        };
        var held = await turns.TakeAsync(db, Cancel);
        Task<int> dispatching;
        try
        {
            dispatching = dispatcher.DispatchOnceAsync("turns", 50, Cancel);
            var onSqlite = Hall.Database == TestDatabase.Sqlite;
            if (onSqlite)
            {
                // Read, so at its turn. Microsoft.Data.Sqlite runs its async methods synchronously:
                // a dispatcher that claimed without a turn would have claimed before the call returned.
                await readDue.Task.WaitAsync(TimeSpan.FromSeconds(10), Cancel);
            }
            else
            {
                // No turn on PostgreSQL: the dispatch ends while the turn is held.
                await ((Task)dispatching).WaitAsync(TimeSpan.FromSeconds(10), Cancel).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
            }

            Assert.Equal(!onSqlite, dispatching.IsCompleted);
            if (onSqlite)
            {
                Assert.Null(await Hall.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ClaimedBy).SingleAsync(Cancel)));
            }
        }
        finally
        {
            held.Dispose();
        }

        Assert.Equal(1, await dispatching.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
        Assert.Equal(NotificationState.Sent, await Hall.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.State).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task ClaimTakenByAnotherNodeDuringASend_OutcomeIsLeftToTheNewHolder()
    {
        await StartAtChinaHourAsync(10);
        var id = await QueueSmsAsync(urgent: true);
        // While the gateway takes the message, another node is taken to have claimed the row
        // (this node's lease ran out).
        Notify.Gateway.OnReceive = messageId =>
        {
            if (Guid.ParseExact(messageId, "N") == id)
            {
                Hall.WithDbAsync(db => db.Notifications.Where(n => n.Id == id)
                    .ExecuteUpdateAsync(set => set.SetProperty(n => n.ClaimedBy, "other-node#1"), Cancel)).GetAwaiter().GetResult();
            }
        };
        try
        {
            await using var scope = Hall.Services.CreateAsyncScope();
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync("first", 50, Cancel));
        }
        finally
        {
            Notify.Gateway.OnReceive = null;
        }

        var row = await Hall.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == id, Cancel));
        Assert.Equal(NotificationState.Pending, row.State);
        Assert.Equal("other-node#1", row.ClaimedBy);
        Assert.Equal(0, row.Attempts);
        var attempt = Assert.Single(await Hall.WithDbAsync(db => db.NotificationAttempts.Where(a => a.NotificationId == id).ToListAsync(Cancel)));
        Assert.Equal("claim-lost", attempt.Outcome);
    }

    [Fact]
    public async Task GatewayDown_ThenUp_LosesNothing_AndAfterTheLastTry_DeadLetterThenResend()
    {
        await StartAtChinaHourAsync(10);
        var id = await QueueSmsAsync(urgent: false);
        Notify.Gateway.Down = true;
        Assert.Equal(0, await DispatchAsync());
        var waiting = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, Cancel));
        Assert.Equal(NotificationState.Pending, waiting.State);
        Assert.Equal(1, waiting.Attempts);
        Assert.Equal("gateway: HTTP 503", waiting.LastError);
        Assert.Equal(0, await DispatchAsync());

        // Up again after the wait: sent once.
        Notify.Gateway.Down = false;
        Notify.Clock.Advance(NotificationDispatcher.Wait(1));
        Assert.Equal(1, await DispatchAsync());
        Assert.Single(Notify.Gateway.Received, r => r.MessageId == id.ToString("N"));

        // Down for good: after the last try it is dead, an error is logged, and the
        // administrators see it; resent after the fix, it goes.
        var second = await QueueSmsAsync(urgent: true);
        Notify.Gateway.Down = true;
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            await DispatchAsync();
            Notify.Clock.Advance(NotificationDispatcher.Wait(attempt));
        }

        var dead = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == second, Cancel));
        Assert.Equal(NotificationState.Dead, dead.State);
        Assert.Equal(6, dead.Attempts);
        Assert.Equal(6, await Hall.WithDbAsync(db => db.NotificationAttempts.CountAsync(a => a.NotificationId == second, Cancel)));
        Assert.Contains(Hall.Logs, line => line.Contains($"Notification {second} is dead after 6 attempts", StringComparison.Ordinal));

        var admin = await Staff.SignInAsync(Hall, "admin");
        Assert.Contains("条消息发送失败", (await Html.GetAsync(admin, "/system")).QuerySelector("#dead-alert")!.TextContent, StringComparison.Ordinal);
        var page = await Html.GetAsync(admin, "/system/notifications");
        var row = page.QuerySelector($"#dead tr[data-id='{second}']");
        Assert.NotNull(row);
        Notify.Gateway.Down = false;
        row.QuerySelector("form")!.Id = "resend-target";
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, page, "#resend-target")).StatusCode);
        Assert.Equal(1, await DispatchAsync());

        // Resent as a new message (a new id, which a de-duplicating gateway does send); the old one is marked.
        var rows = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IdempotencyKey.StartsWith(dead.IdempotencyKey)).ToListAsync(Cancel));
        Assert.Equal(NotificationState.Resent, rows.Single(n => n.Id == second).State);
        var again = rows.Single(n => n.Id != second);
        Assert.Equal(NotificationState.Sent, again.State);
        Assert.Single(Notify.Gateway.Received, r => r.MessageId == again.Id.ToString("N"));
        Assert.Null((await Html.GetAsync(admin, "/system/notifications")).QuerySelector($"#dead tr[data-id='{second}']"));

        // A channel that throws (here: an address that does not parse) is a failed try, not a loop.
        Guid broken;
        await using (var scope = Hall.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
            var now = Notify.Clock.GetUtcNow().UtcDateTime;
            var notification = new Notification
            {
                IdempotencyKey = $"test:{Guid.NewGuid()}", Kind = NotificationKind.CaseAccepted, Channel = NotificationChannel.Email,
                AddressProtected = scope.ServiceProvider.GetRequiredService<PersonalData>().Protect("not an address"),
                Subject = "测试", Body = "测试", State = NotificationState.Pending, NextAttemptAt = now, CreatedAt = now,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync(Cancel);
            broken = notification.Id;
        }

        Assert.Equal(0, await DispatchAsync());
        var failed = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == broken, Cancel));
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(NotificationState.Pending, failed.State);
        Assert.Null(failed.ClaimedBy);
        Assert.StartsWith("Email: ", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsReceipts_BadSignatureOrUnknownIdAreRefused_AndStateNeverGoesBackwards()
    {
        await StartAtChinaHourAsync(10);
        var id = await QueueSmsAsync(urgent: true);
        Assert.Equal(1, await DispatchAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostReceiptAsync(id.ToString("N"), "delivered", "wrong-secret")).StatusCode);
        var unknown = await PostReceiptAsync(Guid.NewGuid().ToString("N"), "delivered");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("sms.receipt_unknown", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Cancel)).RootElement.GetProperty("code").GetString());
        Assert.Contains(Hall.Logs, line => line.Contains("SMS receipt refused (bad signature)", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await PostReceiptAsync(id.ToString("N"), "delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostReceiptAsync(id.ToString("N"), "delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostReceiptAsync(id.ToString("N"), "failed")).StatusCode);
        var after = await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, Cancel));
        Assert.Equal(NotificationState.Delivered, after.State);
        Assert.NotNull(after.DeliveredAt);

        // A "failed" receipt for a message not yet marked sent: it fails (and is listed for
        // resending); the dispatcher does not take it up again.
        var early = await QueueSmsAsync(urgent: true);
        Assert.Equal(HttpStatusCode.NoContent, (await PostReceiptAsync(early.ToString("N"), "failed")).StatusCode);
        await DispatchAsync();
        Assert.Equal(NotificationState.Failed, (await Hall.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Id == early, Cancel))).State);
        Assert.DoesNotContain(Notify.Gateway.Received, r => r.MessageId == early.ToString("N"));
    }
}
