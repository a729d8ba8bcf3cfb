using GovHall.Core;
using GovHall.Core.Cases;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.Mvc;

namespace GovHall.Web.Pages.Apply;

// 在线办理, step 3: files per material. Each upload is checked (name, size, content type
// from the bytes) before anything is stored; a file given before can be used again.
// The request may be larger than any one file may be (a material allows at most 20 MB), so
// that an oversized file reaches the check below and its message, not the server's own limit
// (32 MB), which is refused with a page that only names that limit (RequestProblems).
[RequestSizeLimit(60 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class MaterialsModel(Drafts drafts, DraftMaterials files) : DraftPage(drafts)
{
    public IReadOnlyList<ReusableFile> Reusable { get; private set; } = [];
    public Error? Problem { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(Guid id, string material, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        Result<DraftFile> added;
        if (file is null)
        {
            added = new Error("file.missing", "请先选择要上传的文件。", CaseMaterials.FieldOf(material));
        }
        else if (View.Materials.FirstOrDefault(m => m.Name == material) is { } known && CaseMaterials.CheckSize(known, file.FileName, file.Length) is { } tooLarge)
        {
            added = tooLarge;
        }
        else if (file.Length > StoreFile.MaxLength)
        {
            added = new Error("file.too_large", $"文件“{file.FileName}”超过了 {StoreFile.MaxLength / 1024 / 1024} MB 的上限。", CaseMaterials.FieldOf(material));
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            added = await files.AddFileAsync(id, AccountId, material, file.FileName, buffer.ToArray(), cancellationToken);
        }

        return await AfterAsync(id, added, cancellationToken);
    }

    public async Task<IActionResult> OnPostReuseAsync(Guid id, string material, string sha256, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        return await AfterAsync(id, await files.ReuseFileAsync(id, AccountId, material, sha256 ?? "", cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid fileId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } elsewhere)
        {
            return elsewhere;
        }

        await files.RemoveFileAsync(id, AccountId, fileId, cancellationToken);
        Message = "已移除该文件。";
        return Redirect($"/apply/drafts/{id}/materials");
    }

    public string? ErrorFor(string material) => Problem?.Field == CaseMaterials.FieldOf(material) ? Problem.Message : null;

    private async Task<IActionResult> AfterAsync(Guid id, Result<DraftFile> added, CancellationToken cancellationToken)
    {
        if (added.Succeeded)
        {
            Message = $"已收到“{added.Value!.FileName}”。";
            return Redirect($"/apply/drafts/{id}/materials#m-{Anchor(added.Value.Material)}");
        }

        Problem = added.Errors[0];
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Reusable = await files.ReusableFilesAsync(AccountId, cancellationToken);
        return Page();
    }

    public static string Anchor(string material) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(material)))[..10];
}
