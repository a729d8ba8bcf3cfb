using GovHall.Core;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin.Items;

public sealed class DetailModel(EditableItems items, PublishItem publish, ChangeItemState changeState) : PageModel
{
    public ServiceItem Item { get; private set; } = null!;
    public IReadOnlyList<Error> Problems { get; private set; } = [];
    public IReadOnlyList<DiffLine>? Changes { get; private set; }
    public IReadOnlyList<CatalogChange> Log { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Basis { get; set; }

    public static string ActionText(CatalogAction action) => action switch
    {
        CatalogAction.DraftSaved => "保存草稿",
        CatalogAction.Published => "发布",
        CatalogAction.TakenOffline => "下线",
        CatalogAction.BroughtOnline => "重新上线",
        CatalogAction.DraftDiscarded => "放弃草稿",
        CatalogAction.Imported => "导入",
    };

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) =>
        await LoadAsync(code, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(string code, int revision, CancellationToken cancellationToken)
    {
        var published = await publish.RunAsync(code, new PublicationNote(Reason ?? "", Basis ?? ""), revision, Actor, cancellationToken);
        if (published.Succeeded)
        {
            Message = $"已发布第 {published.Value!.Version} 版。";
            return RedirectToPage(new { code });
        }

        return await RefuseAsync(code, published.Errors, cancellationToken);
    }

    public async Task<IActionResult> OnPostOfflineAsync(string code, CancellationToken cancellationToken) =>
        await AfterAsync(code, await changeState.TakeOfflineAsync(code, Reason ?? "", Actor, cancellationToken), "事项已下线。", cancellationToken);

    public async Task<IActionResult> OnPostOnlineAsync(string code, CancellationToken cancellationToken) =>
        await AfterAsync(code, await changeState.BringOnlineAsync(code, Reason ?? "", Actor, cancellationToken), "事项已重新上线。", cancellationToken);

    public async Task<IActionResult> OnPostDiscardAsync(string code, CancellationToken cancellationToken) =>
        await AfterAsync(code, await changeState.DiscardDraftAsync(code, Actor, cancellationToken), "草稿已放弃。", cancellationToken);

    private string Actor => User.Identity!.Name!;

    private async Task<IActionResult> AfterAsync(string code, Result<ServiceItem> result, string message, CancellationToken cancellationToken)
    {
        if (result.Succeeded)
        {
            Message = message;
            return RedirectToPage(new { code });
        }

        return await RefuseAsync(code, result.Errors, cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(string code, IReadOnlyList<Error> errors, CancellationToken cancellationToken)
    {
        if (errors[0].Kind == ErrorKind.NotFound)
        {
            return NotFound();
        }

        foreach (var error in errors)
        {
            // Note errors point at the form's fields; draft problems are listed above the form.
            if (error.Field is "Reason" or "Basis" || error.Field is null)
            {
                ModelState.AddModelError(error.Field ?? string.Empty, error.Message);
            }
        }

        if (errors.All(e => e.Field is not null and not "Reason" and not "Basis"))
        {
            ModelState.AddModelError(string.Empty, "草稿还有问题，未发布。");
        }

        await LoadAsync(code, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var review = await items.ReviewAsync(code, cancellationToken);
        if (review is null)
        {
            return false;
        }

        (Item, Log, Problems, Changes) = (review.Item, review.Log, review.Problems, review.Changes);
        return true;
    }
}
