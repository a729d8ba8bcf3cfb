using GovHall.Core.Messages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Dev;

// The development mailbox, for people trying the demo and for tests: ?to= a phone or email
// shows only the messages to it. Absent (404) outside Development and Testing.
public sealed class MailboxModel(Mailbox mailbox, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? to, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            return NotFound();
        }

        Messages = await mailbox.ListAsync(to, cancellationToken);
        return Page();
    }
}
