using GovHall.Core;
using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GovHall.Web.Pages.Account.Me;

// 站内信: the person's messages, newest first; opening one marks it read.
public sealed class InboxModel(HallDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];
    public InboxMessage? Opened { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        if (id is { } wanted)
        {
            Opened = await db.InboxMessages.SingleOrDefaultAsync(m => m.Id == wanted && m.AccountId == accountId, cancellationToken);
            if (Opened is null)
            {
                return NotFound();
            }

            if (Opened.ReadAt is null)
            {
                Opened.ReadAt = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        Messages = await db.InboxMessages.AsNoTracking().Where(m => m.AccountId == accountId)
            .OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return Page();
    }
}
