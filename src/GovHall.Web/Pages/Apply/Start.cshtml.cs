using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// 在线办理, step 1: choose the situation (情形) and who applies (oneself, or an organisation
// one acts for), then a draft is made with what the profile already knows.
public sealed class StartModel(StartDraft startDraft) : ApplyPage
{
    public PublishedItem? Published { get; private set; }
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];

    [BindProperty]
    public string? Situation { get; set; }

    [BindProperty]
    public string? Applicant { get; set; }

    // The draft's id, chosen when the page is shown: pressing 开始填写 twice (or again after a
    // time-out) makes one draft, not two.
    [BindProperty]
    public Guid? StartKey { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        StartKey = Guid.CreateVersion7();
        return await LoadAsync(code, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        Guid? organizationId = null;
        if (Applicant is not (null or "self"))
        {
            if (!Guid.TryParse(Applicant, out var parsed))
            {
                ModelState.AddModelError(nameof(Applicant), "请选择申请人。");
                return Page();
            }

            organizationId = parsed;
        }

        var content = Published!.Content;
        var situation = content.Situations.Count == 0 ? "" : Situation ?? "";
        var started = await startDraft.RunAsync(AccountId, code, situation, organizationId, cancellationToken, StartKey);
        if (!started.Succeeded)
        {
            foreach (var error in started.Errors)
            {
                ModelState.AddModelError(error.Code == "situation.unknown" ? nameof(Situation) : string.Empty, error.Message);
            }

            return Page();
        }

        return Redirect($"/apply/drafts/{started.Value!.Id}/form");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (await startDraft.ChoicesAsync(AccountId, code, cancellationToken) is not { } choices)
        {
            return false;
        }

        (Published, Organizations) = choices;
        return true;
    }
}
