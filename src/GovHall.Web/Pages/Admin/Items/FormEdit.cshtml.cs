using System.Globalization;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin.Items;

// The application form edited field by field, without JavaScript: every button posts the
// whole form, the change it asks for (add, move, remove) is applied, and the result is saved
// into the item's draft and shown with a preview of what the applicant will see. The JSON
// text on the edit page remains for those who prefer it; both save the same draft.
public sealed class FormEditModel(EditableItems items, SaveDraft saveDraft) : PageModel
{
    [BindProperty]
    public List<FieldRow> Fields { get; set; } = [];

    [BindProperty]
    public int? Revision { get; set; }

    // "add", "add-column:1", "up:2", "down:2", "remove:3", "remove-column:1:0"; anything else saves.
    [BindProperty]
    public string? Command { get; set; }

    public string Code { get; private set; } = "";
    public string ItemName { get; private set; } = "";
    public IReadOnlyList<string> SituationNames { get; private set; } = [];
    public ApplicationForm Preview { get; private set; } = new();
    public string? Message { get; private set; }
    public int FormProblemCount { get; private set; }
    public int OtherProblemCount { get; private set; }
    public Dictionary<string, List<string>> Problems { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        Fields = draft.Form.Fields.Select(FieldRow.From).ToList();
        Preview = draft.Form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, cancellationToken, keepRevision: true) is not { } draft)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            // Only the kind, the prefill source and the revision are typed; a value outside them
            // was not sent by this page.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "提交的内容格式不对，未保存。请刷新页面后重试。");
            Preview = draft.Form;
            return Page();
        }

        Apply(Command);
        NameUnnamed();
        var form = new ApplicationForm();
        for (var i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].ToField($"Form.Fields[{i}]", Fail) is { } field)
            {
                form.Fields.Add(field);
            }
        }

        ModelState.Clear();
        if (Problems.Count > 0)
        {
            Message = "有的内容格式不对，已在下方标出，表单未保存。";
            FormProblemCount = Problems.Values.Sum(p => p.Count);
            Preview = draft.Form;
            return Page();
        }

        draft.Form = form;
        var saved = await saveDraft.RunAsync(draft, Revision, User.Identity!.Name!, cancellationToken);
        if (!saved.Succeeded)
        {
            foreach (var error in saved.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Message);
            }

            Response.StatusCode = StatusCodes.Status409Conflict;
            Preview = form;
            return Page();
        }

        Revision = saved.Value!.Revision;
        foreach (var problem in saved.Value.Problems)
        {
            if (problem.Field is { } path && path.StartsWith("Form", StringComparison.Ordinal))
            {
                Fail(path, problem.Message);
            }
            else
            {
                OtherProblemCount++;
            }
        }

        FormProblemCount = Problems.Values.Sum(p => p.Count);
        Message = FormProblemCount == 0
            ? "表单已保存到草稿。"
            : $"表单已保存到草稿，还有 {FormProblemCount} 处需要修改后才能发布，已在下方标出。";
        Fields = form.Fields.Select(FieldRow.From).ToList();
        Preview = form;
        return Page();
    }

    // The messages for one path: a field ("Form.Fields[2]") or one of its columns, without those
    // of the columns when asked for the field.
    public IEnumerable<string> ProblemsOf(string path) => Problems
        .Where(p => p.Key == path || (p.Key.StartsWith(path + ".", StringComparison.Ordinal) && !p.Key[(path.Length + 1)..].StartsWith("Columns[", StringComparison.Ordinal)))
        .SelectMany(p => p.Value);

    public bool HasProblem(string path) => Problems.ContainsKey(path);

    private void Fail(string path, string message)
    {
        if (!Problems.TryGetValue(path, out var list))
        {
            Problems[path] = list = [];
        }

        list.Add(message);
    }

    private async Task<ItemContent?> LoadAsync(string code, CancellationToken cancellationToken, bool keepRevision = false)
    {
        if (await items.EditableAsync(code, cancellationToken) is not (var item, var draft))
        {
            return null;
        }

        (Code, ItemName, SituationNames) = (code, draft.Name, draft.Situations.Select(s => s.Name).ToList());
        if (!keepRevision)
        {
            Revision = item.Revision;
        }

        return draft;
    }

    private void Apply(string? command)
    {
        var parts = (command ?? "").Split(':');
        int At(int part) =>
            parts.Length > part && int.TryParse(parts[part], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
        var i = At(1);
        var inRange = i >= 0 && i < Fields.Count;
        switch (parts[0])
        {
            case "add" when Fields.Count < FormDefinitionRules.MaxFields:
                Fields.Add(new FieldRow());
                break;
            case "add-column" when inRange && Fields[i].Columns.Count < 10:
                Fields[i].Columns.Add(new FieldRow());
                break;
            case "up" when inRange && i > 0:
                (Fields[i - 1], Fields[i]) = (Fields[i], Fields[i - 1]);
                break;
            case "down" when inRange && i < Fields.Count - 1:
                (Fields[i + 1], Fields[i]) = (Fields[i], Fields[i + 1]);
                break;
            case "remove" when inRange:
                Fields.RemoveAt(i);
                break;
            case "remove-column" when inRange && At(2) is var c && c >= 0 && c < Fields[i].Columns.Count:
                Fields[i].Columns.RemoveAt(c);
                break;
        }
    }

    // A field or column left without a name gets the next free "field1", "field2"… (or "column1"…):
    // the name is what stores the answer, so it must exist, but the administrator need not invent it.
    private void NameUnnamed()
    {
        static void Name(List<FieldRow> rows, string stem)
        {
            var used = rows.Select(r => r.Key?.Trim()).Where(k => !string.IsNullOrEmpty(k)).ToHashSet(StringComparer.Ordinal);
            var next = 1;
            foreach (var row in rows.Where(r => string.IsNullOrWhiteSpace(r.Key)))
            {
                while (used.Contains(stem + next.ToString(CultureInfo.InvariantCulture)))
                {
                    next++;
                }

                row.Key = stem + next.ToString(CultureInfo.InvariantCulture);
                used.Add(row.Key);
            }
        }

        Name(Fields, "field");
        foreach (var field in Fields.Where(f => f.Kind == FieldKind.Rows))
        {
            Name(field.Columns, "column");
        }
    }
}
