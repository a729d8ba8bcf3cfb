using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Dev;

// The development mailbox, for people trying the demo and for tests: ?to= a phone or email
// shows only the messages to it. Absent (404) outside Development and Testing.
public sealed class MailboxModel(HallDbContext db, PersonalData personal, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? to, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            return NotFound();
        }

        var query = db.MailboxMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to))
        {
            var normalized = to.Contains('@', StringComparison.Ordinal) ? to : GovHall.Core.Codes.MobilePhone.Normalize(to);
            var indexes = new[] { MessageChannel.Sms, MessageChannel.Email }.Select(c => DevelopmentMailbox.IndexOf(personal, c, normalized)).ToList();
            query = query.Where(m => indexes.Contains(m.ToIndex));
        }

        Messages = (await query.ToListAsync(cancellationToken)).OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(100).ToList();
        return Page();
    }
}
