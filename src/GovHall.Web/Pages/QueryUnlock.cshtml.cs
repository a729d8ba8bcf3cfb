using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages;

// The owner of a case whose phone digits are locked by guessing limits proves the phone with a
// one-time code and sees the timeline. Rate limited per address like the query (RateLimits).
public sealed class QueryUnlockModel(QueryUnlock unlock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Ticket { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    public CaseStatus? Found { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken)
    {
        var started = await unlock.StartAsync(Code, HttpContext.ClientAddressText(), cancellationToken);
        if (!started.Succeeded)
        {
            ModelState.AddModelError(string.Empty, started.Errors[0].Message);
            Response.StatusCode = started.Errors[0].Kind == GovHall.Core.ErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/query/unlock?code={Uri.EscapeDataString(Code ?? "")}&ticket={started.Value:N}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Ticket is not { } ticket)
        {
            return Page();
        }

        var found = await unlock.ConfirmAsync(ticket, Secret, cancellationToken);
        if (!found.Succeeded)
        {
            ModelState.AddModelError(string.Empty, found.Errors[0].Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Found = found.Value;
        return Page();
    }
}
