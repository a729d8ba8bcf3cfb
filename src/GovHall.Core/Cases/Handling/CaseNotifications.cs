using GovHall.Core.Certificates;
using GovHall.Core.Notifications;

namespace GovHall.Core.Cases;

// The messages an action causes (亲民提醒, docs/notifications.md): its own kind, 电子证照已签发
// when a decision issues a certificate, 邀请评价 when a case is concluded. Planned before the
// action's transaction (what they need from the database: preference, addresses, template; on
// SQLite that transaction holds the one writer lock), queued inside it.
public sealed class CaseNotifications(HallDbContext db, Notifier notifier)
{
    public sealed record Planned(NotificationKind Kind, Notifier.Plan Plan);

    public async Task<IReadOnlyList<Planned>> PlanAsync(Case found, CaseAction action, CancellationToken cancellationToken)
    {
        if (NotificationKinds.ForAction(action) is not { } kind)
        {
            return [];
        }

        var kinds = action switch
        {
            CaseAction.Decide => [kind, NotificationKind.CertificateReady],
            // No invitation to rate (RatingInvitation) until the hall takes ratings (issue 24):
            // a message never invites people to something that does not exist.
            _ => new[] { kind },
        };
        var recipient = new Notifier.Recipient(found.AccountId, found.ContactPhoneProtected);
        var plans = new List<Planned>();
        foreach (var each in kinds)
        {
            plans.Add(new Planned(each, await notifier.PlanAsync(recipient, each, cancellationToken)));
        }

        return plans;
    }

    public void Queue(CaseChange change, CaseCommand command, int sequence, IReadOnlyList<Planned> plans)
    {
        var found = change.Found;
        var values = new Dictionary<string, string>();
        command.Describe(values, found);
        foreach (var (kind, plan) in plans)
        {
            if (kind == NotificationKind.CertificateReady)
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
}
