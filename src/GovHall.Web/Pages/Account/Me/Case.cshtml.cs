using GovHall.Core;
using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// One of my cases: where it stands, what happened (the same timeline as the one-code query),
// the files received, the receipt, notices and certificates; here the applicant corrects
// after a one-time notice, or withdraws before a decision.
[RequestSizeLimit(60 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
public sealed class CaseModel(MyCases cases, HandleCase handle) : PageModel
{
    public MyCase Mine { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public IReadOnlyList<Error> Problems { get; private set; } = [];
    public string? Done { get; private set; }

    public bool Uploadable(string material) => Mine.UploadableMaterials.Contains(material);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Done = TempData["done"] as string;
        return await LoadAsync(code, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostResubmitAsync(string code, int revision, CancellationToken cancellationToken)
    {
        var files = new List<CorrectionFile>();
        foreach (var upload in Request.Form.Files.Where(f => f.Name.StartsWith("file:", StringComparison.Ordinal) && f.Length > 0))
        {
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, cancellationToken);
            files.Add(new CorrectionFile(upload.Name["file:".Length..], upload.FileName, buffer.ToArray()));
        }

        // Only the fields the notice named have inputs; any other the core refuses.
        var answers = Request.Form.Keys.Where(k => k.StartsWith("answer:", StringComparison.Ordinal) && k.Length is > 7 and <= 100)
            .ToDictionary(k => k["answer:".Length..], k => Request.Form[k].ToString(), StringComparer.Ordinal);
        return await RunAsync(code, new Resubmit(revision, files, answers) { Reason = Request.Form["reason"] }, "补正材料已提交，我们会尽快重新审查。", cancellationToken);
    }

    public Task<IActionResult> OnPostWithdrawAsync(string code, int revision, bool confirmed, CancellationToken cancellationToken)
    {
        if (!confirmed)
        {
            Problems = [new Error("withdraw.confirm", "请勾选“我确认撤回该申请”后再提交。", "confirmed")];
            return ShowAsync(code, 400, cancellationToken);
        }

        return RunAsync(code, new WithdrawCase(revision) { Reason = Request.Form["reason"] }, "申请已撤回。", cancellationToken);
    }

    private async Task<IActionResult> RunAsync(string code, CaseCommand command, string done, CancellationToken cancellationToken)
    {
        var result = await handle.RunAsync(code, User.Applicant(), command, PublicUrls.BaseOf(Request), cancellationToken);
        if (result.Succeeded)
        {
            TempData["done"] = done;
            return RedirectToPage(new { code });
        }

        Problems = result.Errors;
        return await ShowAsync(code, Hosting.Http.Problems.StatusOf(result.Errors[0].Kind), cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(string code, int status, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(code, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var found = await cases.FindAsync(User.AccountId(), code, cancellationToken);
        if (!found.Succeeded)
        {
            return false;
        }

        Mine = found.Value!;
        Code = TrackingCode.Display(Mine.Case.TrackingCode);
        return true;
    }
}
