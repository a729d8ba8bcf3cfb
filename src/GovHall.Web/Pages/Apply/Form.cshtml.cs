using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// 在线办理, step 2: the item's form for the chosen situation. Every save keeps what was typed;
// "保存，稍后继续" leaves for 我的办件, "保存并继续" goes on to the materials when nothing is wrong.
public sealed class FormModel(Drafts drafts, SaveDraftAnswers saveAnswers, ChangeDraftSituation changeSituation) : DraftPage(drafts)
{
    public IReadOnlyList<Error> Errors { get; private set; } = [];

    // Labels of the fields that the answers just saved brought in.
    public IReadOnlyList<string> Revealed { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    // ?more={key}: the repeating field that asked for another row (保存并添加一行).
    [BindProperty(SupportsGet = true, Name = "more")]
    public string? More { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    // 更换情形: the same draft for another situation.
    // Also for a draft whose situation a new version dropped (the page that says so offers
    // the current ones), which LoadAsync would not open.
    public async Task<IActionResult> OnPostSituationAsync(Guid id, string? situation, CancellationToken cancellationToken)
    {
        var changed = await changeSituation.RunAsync(id, AccountId, situation, cancellationToken);
        if (!changed.Succeeded)
        {
            if (await LoadAsync(id, cancellationToken) is { } elsewhere)
            {
                return elsewhere;
            }

            Errors = changed.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Message = changed.Value!.Count == 0
            ? $"办理情形已更换为“{situation}”，已填写的内容都保留了。"
            : $"办理情形已更换为“{situation}”，已填写的内容都保留了；该情形不需要{string.Join("、", changed.Value.Select(m => $"“{m}”"))}，为其上传的文件已移除。";
        return Redirect($"/apply/drafts/{id}/form");
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? next, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        var rendered = FormAnswers.Applicable(View.Content.Form, View.Draft.Situation, View.Answers).ToList();
        var (answers, keys) = FormPost.Read(Request.Form, rendered);
        var saved = await saveAnswers.RunAsync(id, AccountId, answers, keys, cancellationToken);
        if (!saved.Succeeded)
        {
            Errors = saved.Errors;
            return Page();
        }

        // The header's 长辈版 switch sent the form: what was typed is saved, the page comes back.
        if (next is "elder:on" or "elder:off")
        {
            ElderMode.Set(Response, next == "elder:on");
            return Redirect($"/apply/drafts/{id}/form");
        }

        // 保存并添加一行: back to the form, where the rows just saved show with an empty one after.
        if (next?.StartsWith("row:", StringComparison.Ordinal) == true)
        {
            var key = Uri.EscapeDataString(next["row:".Length..]);
            return Redirect($"/apply/drafts/{id}/form?more={key}#field-{key}");
        }

        if (next == "later")
        {
            Message = "草稿已保存。您可以随时在“我的办件”中继续填写。";
            return Redirect("/account/me/cases");
        }

        if (await LoadAsync(id, cancellationToken) is { } gone)
        {
            return gone;
        }

        Errors = saved.Value!;

        // An answer can bring in fields the page did not show (shown only when another answer
        // says so): the person sees them before going on, even the optional ones.
        Revealed = FormAnswers.Applicable(View.Content.Form, View.Draft.Situation, View.Answers)
            .Where(f => !keys.Contains(f.Key))
            .Select(f => f.Label)
            .ToList();
        return Errors.Count == 0 && Revealed.Count == 0 ? Redirect($"/apply/drafts/{id}/materials") : Page();
    }
}
