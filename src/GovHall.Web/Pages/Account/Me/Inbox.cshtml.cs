using GovHall.Core.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// 站内信: the person's messages, newest first; opening one marks it read.
public sealed class InboxModel(Inbox inbox) : PageModel
{
    public IReadOnlyList<InboxMessage> Messages { get; private set; } = [];
    public InboxMessage? Opened { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        var accountId = User.AccountId();
        if (id is { } wanted)
        {
            Opened = await inbox.OpenAsync(accountId, wanted, cancellationToken);
            if (Opened is null)
            {
                return NotFound();
            }
        }

        Messages = await inbox.ListAsync(accountId, cancellationToken);
        return Page();
    }
}
