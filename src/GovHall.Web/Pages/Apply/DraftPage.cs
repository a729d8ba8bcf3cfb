using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// A page of one draft: loads it for the signed-in person (anyone else gets 404), and sends a
// draft that was already submitted to its case.
public abstract class DraftPage(Applications applications) : ApplyPage
{
    public DraftView View { get; private set; } = null!;

    protected Applications Applications => applications;

    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await applications.LoadAsync(id, AccountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.Errors[0].Kind == ErrorKind.Gone ? StatusCode(StatusCodes.Status410Gone) : NotFound();
        }

        View = loaded.Value!;
        return View.Draft.SubmittedCaseId is null ? null : Redirect("/account/me/cases");
    }
}
