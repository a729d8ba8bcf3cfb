using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// A page of one draft: loads it for the signed-in person (anyone else gets 404), and sends a
// draft that was already submitted to its case. A draft that cannot go on (expired, not the
// person's, its item taken offline, its situation dropped) gets a page that says why, with its
// status code.
public abstract class DraftPage(Drafts drafts) : ApplyPage
{
    public DraftView View { get; private set; } = null!;

    protected Drafts Drafts => drafts;

    protected async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await drafts.LoadAsync(id, AccountId, cancellationToken);
        if (!loaded.Succeeded)
        {
            var error = loaded.Errors[0];
            var gone = error.Kind == ErrorKind.Gone;
            ViewData["Heading"] = error.Code switch
            {
                "item.offline" => "该事项已暂停办理",
                "draft.situation_gone" => "办理情形已调整",
                _ => "没有找到该申请",
            };
            ViewData["Reason"] = error.Message;
            if (error.Code == "draft.situation_gone")
            {
                ViewData["DraftId"] = id;
                ViewData["Situations"] = await drafts.SituationsAsync(id, AccountId, cancellationToken);
            }

            return new ViewResult
            {
                ViewName = "Unavailable",
                ViewData = ViewData,
                StatusCode = gone ? StatusCodes.Status410Gone : StatusCodes.Status404NotFound,
            };
        }

        View = loaded.Value!;
        return View.Draft.SubmittedCaseId is { } caseId
            ? Redirect($"/account/me/cases/{await drafts.TrackingCodeOfAsync(caseId, cancellationToken)}")
            : null;
    }
}
