using GovHall.Core;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Hosting.Workers;

// Removes what has no more use: expired sessions, one-time codes a day after they expired
// (with the encrypted registration forms they hold), development mail after a week, drafts
// (with their answers) once they expire (GovHall:Cases:DraftDays after the last save). Deletes
// are idempotent, so every node may run this.
public sealed class Housekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<Housekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Housekeeping failed; it will run again in an hour");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HallDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var dayAgo = now.AddDays(-1);
        var weekAgo = now.AddDays(-7);
        var sessions = await db.AuthSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var codes = await db.OneTimeCodes.Where(c => c.ExpiresAt < dayAgo).ExecuteDeleteAsync(cancellationToken);
        var mail = await db.MailboxMessages.Where(m => m.At < weekAgo).ExecuteDeleteAsync(cancellationToken);
        await db.DraftFiles.Where(f => db.ApplicationDrafts.Any(d => d.Id == f.DraftId && d.ExpiresAt < now)).ExecuteDeleteAsync(cancellationToken);
        var drafts = await db.ApplicationDrafts.Where(d => d.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        await GovHall.Core.GuessCounts.ForgetBeforeAsync(db, GovHall.Core.ChinaDate.Today(clock), cancellationToken);
        logger.LogInformation("Housekeeping removed {Sessions} sessions, {Codes} one-time codes, {Mail} development messages, {Drafts} expired drafts",
            sessions, codes, mail, drafts);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
