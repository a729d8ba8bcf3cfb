using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin.Items;

[RequestSizeLimit(100 * 1024 * 1024)]
public sealed class EditModel(EditableItems items, SaveDraft saveDraft, StoreFile storeFile) : PageModel
{
    private const string UploadPrefix = "upload:";
    private static readonly char[] ListSeparators = ['、', '，', ',', ';', '；', ' ', '\n'];

    [BindProperty]
    public ItemContent Draft { get; set; } = new();

    [BindProperty]
    public int? Revision { get; set; }

    [BindProperty]
    public bool IsNew { get; set; }

    [BindProperty]
    public string? TopicsText { get; set; }

    [BindProperty]
    public string? KeywordsText { get; set; }

    [BindProperty]
    public List<string> Remove { get; set; } = [];

    // The application form, edited as its documented JSON (docs/catalog-format.md).
    [BindProperty]
    public string? FormJson { get; set; }

    public IEnumerable<string> FormProblems => ModelState
        .Where(e => e.Key == "Draft.Form" || e.Key.StartsWith("Draft.Form.", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors.Select(x => (e.Key == "Draft.Form" ? "" : e.Key["Draft.Form.".Length..] + "：") + x.ErrorMessage));

    [BindProperty]
    public string? Add { get; set; }

    // "form": after saving, go on to the field-by-field form editor.
    [BindProperty]
    public string? Next { get; set; }

    public const string CommonMaterials = "Materials";

    public string? Message { get; private set; }
    public int ProblemCount { get; private set; }

    public string? Err(string path) => ModelState[$"Draft.{path}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            IsNew = true;
            Draft = await items.TemplateAsync(cancellationToken);
        }
        else
        {
            var editable = await items.EditableAsync(code, cancellationToken);
            if (editable is null)
            {
                return NotFound();
            }

            Draft = editable.Content;
            Revision = editable.Item.Revision;
        }

        TopicsText = string.Join("、", Draft.Topics);
        KeywordsText = string.Join("、", Draft.Keywords);
        FormJson = FormText(Draft.Form);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken cancellationToken)
    {
        IsNew = code is null;
        if (!IsNew)
        {
            Draft.Code = code!;
        }

        if (!ModelState.IsValid)
        {
            // A value that does not even bind (letters in a number field): show it, save nothing.
            ModelState.AddModelError(string.Empty, "有的内容格式不对（例如天数、份数应为数字），请改正后再保存。");
            return Page();
        }

        Draft.Topics = Split(TopicsText);
        Draft.Keywords = Split(KeywordsText);
        if (ReadForm(FormJson) is { } form)
        {
            Draft.Form = form;
        }
        else
        {
            return Page();
        }
        DraftEditor.Remove(Draft, Remove);
        if (Add is not null)
        {
            DraftEditor.Add(Draft, Add);
        }

        foreach (var upload in Request.Form.Files.Where(f => f.Name.StartsWith(UploadPrefix, StringComparison.Ordinal) && f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            var stored = await storeFile.RunAsync(buffer.ToArray(), cancellationToken);
            var path = upload.Name[UploadPrefix.Length..];
            if (!stored.Succeeded)
            {
                ModelState.AddModelError($"Draft.{path}.Sha256", stored.Errors[0].Message);
                continue;
            }

            DraftEditor.SetFile(Draft, path, new FileReference { FileName = Path.GetFileName(upload.FileName), Sha256 = stored.Value!.Sha256 });
        }

        var saved = await saveDraft.RunAsync(Draft, IsNew ? null : Revision, User.Identity!.Name!, cancellationToken);
        ModelState.Clear();
        if (!saved.Succeeded)
        {
            foreach (var error in saved.Errors)
            {
                ModelState.AddModelError(error.Field is null ? string.Empty : $"Draft.{error.Field}", error.Message);
            }

            if (saved.Errors.Any(e => e.Field is null))
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }

            return Page();
        }

        var result = saved.Value!;
        if (Next == "form")
        {
            return Redirect($"/admin/items/{result.Code}/form");
        }

        if (Add is null && result.Problems.Count == 0)
        {
            TempData[nameof(DetailModel.Message)] = "草稿已保存，没有发现问题，可以发布。";
            return Redirect($"/admin/items/{result.Code}");
        }

        IsNew = false;
        Revision = result.Revision;
        ProblemCount = result.Problems.Count;
        foreach (var problem in result.Problems)
        {
            ModelState.AddModelError(problem.Field is null ? string.Empty : $"Draft.{problem.Field}", problem.Message);
        }

        Message = result.Problems.Count == 0
            ? "草稿已保存。"
            : $"草稿已保存，还有 {result.Problems.Count} 处需要修改后才能发布，已在下方标出。";
        TopicsText = string.Join("、", Draft.Topics);
        KeywordsText = string.Join("、", Draft.Keywords);
        // A new item now exists: the page posts to its edit address from here on.
        return Page();
    }

    public static string SituationMaterials(int index) => $"Situations[{index}].Materials";

    private static List<string> Split(string? text) =>
        (text ?? "").Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public static string FormText(ApplicationForm form) =>
        form.Fields.Count == 0 ? "" : System.Text.Json.JsonSerializer.Serialize(form, CatalogJson.Indented);

    // A form that is not even JSON is shown with its line and nothing is saved.
    private ApplicationForm? ReadForm(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new ApplicationForm();
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<ApplicationForm>(json, CatalogJson.Options) ?? new ApplicationForm();
        }
        catch (System.Text.Json.JsonException ex)
        {
            var line = ex.LineNumber is { } at ? $"第 {at + 1} 行，" : "";
            ModelState.AddModelError("Draft.Form", $"表单定义不是有效的 JSON，或含有格式中没有的名称或取值（{line}位置 {ex.Path}），未保存。");
            return null;
        }
    }
}
