using GovHall.Core.Catalog;
using GovHall.Core.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Admin;

[RequestSizeLimit(100 * 1024 * 1024)]
public sealed class ImportModel(ImportCatalog import, StoreFile storeFile) : PageModel
{
    public const long MaxCatalogBytes = 20 * 1024 * 1024;

    [BindProperty]
    public bool Publish { get; set; } = true;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Basis { get; set; }

    public ImportCatalog.Summary? Summary { get; private set; }
    public IReadOnlyList<ImportCatalog.ImportError> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? catalog, List<IFormFile> attachments, CancellationToken cancellationToken)
    {
        if (catalog is null || catalog.Length == 0)
        {
            Errors = [new ImportCatalog.ImportError(0, "", "请选择要导入的 JSON 文件。")];
            return Page();
        }

        if (catalog.Length > MaxCatalogBytes)
        {
            Errors = [new ImportCatalog.ImportError(0, "", "文件不能超过 20 MB。")];
            return Page();
        }

        var json = await ReadAsync(catalog, cancellationToken);
        var arriving = attachments.Select(a => a.Length).Any()
            ? (await Task.WhenAll(attachments.Select(a => ReadAsync(a, cancellationToken)))).Select(b => ContentHash.Of(b)).ToHashSet()
            : [];
        var note = Publish ? new PublicationNote(Reason ?? "", Basis ?? "") : null;

        // Check first with the attachments only announced; store them once the file is accepted.
        var (summary, errors) = await import.RunAsync(json, note, User.Identity!.Name!, arriving, cancellationToken, dryRun: true);
        if (summary is null)
        {
            Errors = errors;
            return Page();
        }

        foreach (var attachment in attachments)
        {
            var stored = await storeFile.RunAsync(await ReadAsync(attachment, cancellationToken), cancellationToken);
            if (!stored.Succeeded)
            {
                Errors = [new ImportCatalog.ImportError(0, attachment.FileName, stored.Errors[0].Message)];
                return Page();
            }
        }

        (Summary, Errors) = await import.RunAsync(json, note, User.Identity!.Name!, null, cancellationToken);
        return Page();
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
