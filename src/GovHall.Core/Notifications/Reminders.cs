using System.Globalization;
using GovHall.Core.Accounts;
using GovHall.Core.Calendar;
using GovHall.Core.Cases;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Notifications;

// Reminders on schedule (亲民提醒), queued into the outbox like every message:
// - a draft about to expire, and a correction whose deadline is near, three working days
//   before (once per date);
// - a certificate about to expire, 90 and 30 days before;
// - for staff, a daily digest (from 8:00 China time) of their cases that are yellow or red.
// Each occasion has its own key, so running this often (on every node) queues each once.
// Time is the TimeProvider's: tests drive it without waiting.
public sealed class Reminders(
    HallDbContext db, Notifier notifier, WorkCalendar calendar, StaffCases staffCases, NotificationSettings settings, TimeProvider clock)
{
    public static readonly int[] CertificateDays = [90, 30];
    public const int DraftWorkingDays = 3;
    public const int DigestHour = 8;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaDate.Of(now);
        var days = (await calendar.LoadAsync(cancellationToken)).Provisional;
        var queued = await DraftsAsync(now, today, days, cancellationToken);
        queued += await CorrectionsAsync(today, days, cancellationToken);
        queued += await CertificatesAsync(today, cancellationToken);
        if (ChinaDate.ToChinaTime(now).Hour >= DigestHour)
        {
            queued += await DigestsAsync(today, cancellationToken);
        }

        return queued;
    }

    private async Task<int> DraftsAsync(DateTime now, DateOnly today, WorkingDays days, CancellationToken cancellationToken)
    {
        var horizon = days.Add(today, DraftWorkingDays);
        if (!horizon.Succeeded)
        {
            return 0;
        }

        // The end of that day in Beijing, in UTC.
        var until = DateTime.SpecifyKind(horizon.Value.ToDateTime(TimeOnly.MaxValue).AddHours(-8), DateTimeKind.Utc);
        var expiring = await db.ApplicationDrafts.AsNoTracking()
            .Where(d => d.SubmittedCaseId == null && d.ExpiresAt > now && d.ExpiresAt <= until)
            .Select(d => new { d.Id, d.AccountId, d.ItemName, d.ExpiresAt }).ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var draft in expiring)
        {
            var key = $"draft:{draft.Id}:{draft.ExpiresAt:yyyyMMddHHmm}";
            if (await KnownAsync(key, cancellationToken))
            {
                continue;
            }

            var name = await db.Users.Where(u => u.Id == draft.AccountId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            queued += await OnceAsync(() => notifier.QueueAsync(new Notifier.Recipient(draft.AccountId), NotificationKind.DraftExpiring, new Dictionary<string, string>
            {
                ["applicant"] = name,
                ["item"] = draft.ItemName,
                ["expires"] = ChinaDate.ToChinaTime(draft.ExpiresAt).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture),
                ["draftUrl"] = $"{settings.PublicUrl?.TrimEnd('/')}/apply/drafts/{draft.Id}/form",
            }, key, null, cancellationToken), cancellationToken);
        }

        return queued;
    }

    private async Task<int> CorrectionsAsync(DateOnly today, WorkingDays days, CancellationToken cancellationToken)
    {
        var horizon = days.Add(today, DraftWorkingDays);
        if (!horizon.Succeeded)
        {
            return 0;
        }

        var due = await db.Cases.AsNoTracking()
            .Where(c => c.Stage == CaseStage.CorrectionRequested && c.CorrectionDueOn != null && c.CorrectionDueOn >= today && c.CorrectionDueOn <= horizon.Value)
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var found in due)
        {
            var key = $"correction:{found.Id}:{found.CorrectionDueOn:yyyyMMdd}";
            if (await KnownAsync(key, cancellationToken))
            {
                continue;
            }

            queued += await OnceAsync(() => notifier.QueueAboutCaseAsync(found, key, NotificationKind.CorrectionExpiring,
                new Dictionary<string, string> { ["deadline"] = Notifier.DateText(found.CorrectionDueOn) }, null, cancellationToken), cancellationToken);
        }

        return queued;
    }

    private async Task<int> CertificatesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var before in CertificateDays)
        {
            var on = today.AddDays(before);
            var expiring = await db.Certificates.AsNoTracking()
                .Where(c => c.RevokedAt == null && c.ValidUntil != null && c.ValidUntil >= today && c.ValidUntil <= on)
                .Join(db.Cases, c => c.CaseId, k => k.Id, (c, k) => new { c.Id, c.Number, c.Title, c.HolderName, c.ValidUntil, k.AccountId, k.ContactPhoneProtected })
                .ToListAsync(cancellationToken);
            foreach (var certificate in expiring)
            {
                // One reminder per threshold; a certificate first seen inside 30 days gets only the 30-day one.
                var threshold = CertificateDays.Where(d => certificate.ValidUntil!.Value <= today.AddDays(d)).Min();
                var key = $"certificate:{certificate.Id}:{threshold}";
                if (threshold != before || await KnownAsync(key, cancellationToken))
                {
                    continue;
                }

                queued += await OnceAsync(() => notifier.QueueAsync(new Notifier.Recipient(certificate.AccountId, certificate.ContactPhoneProtected), NotificationKind.CertificateExpiring,
                    new Dictionary<string, string>
                    {
                        ["applicant"] = certificate.HolderName,
                        ["item"] = certificate.Title,
                        ["certificateNumber"] = TrackingCode.Display(certificate.Number),
                        ["expires"] = Notifier.DateText(certificate.ValidUntil),
                    }, key, null, cancellationToken), cancellationToken);
            }
        }

        return queued;
    }

    private async Task<int> DigestsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.Kind == AccountKind.Staff && u.DepartmentId != null)
            .Select(u => new { u.Id, u.DisplayName, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).First() })
            .ToListAsync(cancellationToken);
        var roles = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var queued = 0;
        foreach (var member in staff)
        {
            var key = $"digest:{member.Id}:{today:yyyyMMdd}";
            var theirRoles = roles.Where(r => r.UserId == member.Id).Select(r => r.Name!).ToList();
            if (!theirRoles.Any(r => r is Roles.WindowClerk or Roles.Reviewer or Roles.Approver) || await KnownAsync(key, cancellationToken))
            {
                continue;
            }

            var actor = CaseActor.Staff(member.DisplayName, member.Id, theirRoles, member.Department);
            var warned = (await staffCases.QueueAsync(actor, new QueueFilter(), cancellationToken)).Where(r => r.Time.Level != Warning.None).ToList();
            if (warned.Count == 0)
            {
                continue;
            }

            queued += await OnceAsync(() => notifier.QueueAsync(new Notifier.Recipient(member.Id), NotificationKind.StaffDigest, new Dictionary<string, string>
            {
                ["applicant"] = member.DisplayName,
                ["red"] = warned.Count(r => r.Time.Level == Warning.Red).ToString(CultureInfo.InvariantCulture),
                ["yellow"] = warned.Count(r => r.Time.Level == Warning.Yellow).ToString(CultureInfo.InvariantCulture),
                ["list"] = string.Join("\n", warned.Take(20).Select(r => $"{(r.Time.Level == Warning.Red ? "红牌" : "黄牌")} {r.Case.ItemName} {TrackingCode.Display(r.Case.TrackingCode)}：{r.Time.Text}")),
                ["workbenchUrl"] = $"{settings.PublicUrl?.TrimEnd('/')}/staff",
            }, key, null, cancellationToken), cancellationToken);
        }

        return queued;
    }

    // Saves one occasion's messages on their own. Two nodes may queue the same occasion at the
    // same moment: the outbox's unique key lets one win, and the other skips it.
    private async Task<int> OnceAsync(Func<Task<int>> queue, CancellationToken cancellationToken)
    {
        var queued = await queue();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return queued;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
    }

    private Task<bool> KnownAsync(string key, CancellationToken cancellationToken) =>
        db.Notifications.AnyAsync(n => n.IdempotencyKey.StartsWith(key + ":"), cancellationToken);
}
