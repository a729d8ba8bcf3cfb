using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// 在线办理, step 4: check your answers, read and tick the declaration (承诺), submit. A
// second submit of the same draft (double click, back button, retry) shows the same case.
public sealed class CheckModel(Drafts drafts, SubmitDraft submitDraft) : DraftPage(drafts)
{
    public const string Declaration = "本人承诺：所填写的信息和提交的材料真实、准确、完整、有效，复印件与原件一致；如有虚假，本人愿意承担相应的法律责任。";

    public IReadOnlyList<Error> Problems { get; private set; } = [];
    public string ApplicantText { get; private set; } = "";
    public string ContactText { get; private set; } = "";

    // A refused submit keeps the tick the person gave.
    public bool Declared { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool declared, CancellationToken cancellationToken)
    {
        Declared = declared;
        // The applicant sees their own answers whole (issue 23): not for any cache to keep.
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(id, cancellationToken) ?? await ShowAsync([], cancellationToken);
    }

    // The header's 长辈版 switch sends this page's form here, not to submit: the tick is kept.
    public async Task<IActionResult> OnPostElderAsync(Guid id, string? next, bool declared, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        ElderMode.Set(Response, next == "elder:on");
        return Redirect($"/apply/drafts/{id}/check{(declared ? "?declared=true" : "")}");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool declared, CancellationToken cancellationToken)
    {
        var submitted = await submitDraft.RunAsync(id, AccountId, declared, cancellationToken);
        if (submitted.Succeeded)
        {
            return Redirect($"/account/me/cases/{submitted.Value!.Case.TrackingCode}?submitted=1");
        }

        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Declared = declared;
        return await ShowAsync(submitted.Errors, cancellationToken);
    }

    public string Link(Error error) => error.Field switch
    {
        null => "#",
        "declared" => "#declared",
        var field when field.StartsWith("material:", StringComparison.Ordinal) =>
            $"/apply/drafts/{View.Draft.Id}/materials#m-{MaterialsModel.Anchor(field["material:".Length..])}",
        var field => $"/apply/drafts/{View.Draft.Id}/form#field-{field.Split('[')[0]}",
    };

    private async Task<IActionResult> ShowAsync(IReadOnlyList<Error> errors, CancellationToken cancellationToken)
    {
        var applicant = await Drafts.ApplicantAsync(View, cancellationToken);
        ApplicantText = applicant.Applicant;
        ContactText = applicant.Contact;
        Problems = errors.Count > 0 ? errors : Drafts.Problems(View);
        return Page();
    }
}
