using Microsoft.EntityFrameworkCore;

namespace GovHall.Core.Messages;

// What the development mailbox holds, newest first; with a phone or email, only the messages to it.
public sealed class Mailbox(HallDbContext db, Accounts.PersonalData personal)
{
    public async Task<IReadOnlyList<MailboxMessage>> ListAsync(string? to, CancellationToken cancellationToken)
    {
        var query = db.MailboxMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to))
        {
            var normalized = to.Contains('@', StringComparison.Ordinal) ? to : Codes.MobilePhone.Normalize(to);
            var indexes = new[] { MessageChannel.Sms, MessageChannel.Email }.Select(c => DevelopmentMailbox.IndexOf(personal, c, normalized)).ToList();
            query = query.Where(m => indexes.Contains(m.ToIndex));
        }

        return (await query.ToListAsync(cancellationToken)).OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(100).ToList();
    }
}
