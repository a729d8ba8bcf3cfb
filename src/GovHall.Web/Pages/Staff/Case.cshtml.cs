using GovHall.Core;
using GovHall.Core.Accounts;
using GovHall.Core.Cases;
using GovHall.Core.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Staff;

// One case on the workbench: answers, materials inline, timeline, documents, time left, and a
// form for each action the case's stage and the member's role allow. A refused action shows
// why, with the case as it now stands; nothing is changed.
public sealed class CaseModel(StaffCases cases, HandleCase handle, RevealPersonalData reveal, Departments departments, GovHall.Core.Audit.AuditLog audit) : PageModel
{
    public StaffCaseView View { get; private set; } = null!;
    public IReadOnlyList<Error> Problems { get; private set; } = [];
    public string? Done { get; private set; }
    public RevealPersonalData.Revealed? Revealed { get; private set; }

    public static RevealForm RevealFor(string field, string trackingCode) => new(field, trackingCode);

    // Opens one masked field whole, with a reason; the page shows it once (never in the address
    // or a cookie), and the reveal is recorded for the person and in the audit log.
    public async Task<IActionResult> OnPostRevealAsync(string code, string? field, RevealReason? reason, string? reasonText, CancellationToken cancellationToken)
    {
        var actor = await User.StaffAsync(departments, cancellationToken);
        var revealed = await reveal.RunAsync(actor, code, new RevealPersonalData.Request(field, reason, reasonText), cancellationToken);
        await audit.WriteAsync(actor.Name, "personal_data.revealed", code, revealed.Succeeded
            ? $"{revealed.Value!.Label} ({revealed.Value.Record.WhyText})"
            : revealed.Errors[0].Code, HttpContext.ClientAddressText(), revealed.Succeeded, cancellationToken);
        var found = await cases.FindAsync(actor, code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        View = found.Value!;
        Response.Headers.CacheControl = "no-store";
        if (!revealed.Succeeded)
        {
            Problems = revealed.Errors;
            Response.StatusCode = Hosting.Http.Problems.StatusOf(revealed.Errors[0].Kind);
            return Page();
        }

        Revealed = revealed.Value;
        return Page();
    }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var found = await cases.FindAsync(await User.StaffAsync(departments, cancellationToken), code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        View = found.Value!;
        Done = TempData["done"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken cancellationToken)
    {
        var actor = await User.StaffAsync(departments, cancellationToken);
        var form = Request.Form;
        if (!Enum.TryParse<CaseAction>(form["action"], out var action) || !Enum.IsDefined(action) || int.TryParse(form["action"], out _)
            || !int.TryParse(form["revision"], out var revision))
        {
            return BadRequest();
        }

        // The action's own record, with what its form carries. An applicant's action posted here
        // is refused by HandleCase for the role; a submission is no action on a case.
        CaseCommand? command = action switch
        {
            CaseAction.PreReviewPass => new PassPreReview(revision),
            CaseAction.RequestCorrection => new RequestCorrection(revision, [
                .. form["fix"].Where(m => m is { Length: > 0 }).Select(m => new CorrectionItem(m!, form[$"why:{m}"].ToString())),
                .. form["fixField"].Where(k => k is { Length: > 0 }).Select(k => new CorrectionItem("", form[$"whyField:{k}"].ToString(), k))]),
            CaseAction.Accept => new AcceptCase(revision),
            CaseAction.Refuse => new RefuseCase(revision, form["legalBasis"]),
            CaseAction.Review => new ReviewCase(revision),
            CaseAction.SendBack => new SendBack(revision),
            CaseAction.Suspend => new SuspendCase(revision, form["procedure"]),
            CaseAction.Resume => new ResumeCase(revision),
            CaseAction.RequestExtension => new RequestExtension(revision, int.TryParse(form["days"], out var days) ? days : null),
            CaseAction.Extend => new ApproveExtension(revision),
            CaseAction.RefuseExtension => new RefuseExtension(revision),
            CaseAction.Decide => new DecideCase(revision, Named<Decision>(form["decision"]), form["legalBasis"]),
            CaseAction.Conclude => new ConcludeCase(revision, Named<DeliveryWay>(form["delivery"]), form["deliveryNote"]),
            CaseAction.Resubmit => new Resubmit(revision, []),
            CaseAction.Withdraw => new WithdrawCase(revision),
            CaseAction.Submit => null,
        };
        if (command is null)
        {
            return BadRequest();
        }

        var result = await handle.RunAsync(code, actor, command with { Reason = form["reason"] }, PublicUrls.BaseOf(Request), cancellationToken);
        if (result.Succeeded)
        {
            TempData["done"] = $"已完成：{CaseStages.Label(action)}";
            return RedirectToPage(new { code });
        }

        // Show the refusal with the case as it stands now (another person may have changed it).
        var found = await cases.FindAsync(actor, code, cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        View = found.Value!;
        Problems = result.Errors;
        Response.StatusCode = Hosting.Http.Problems.StatusOf(result.Errors[0].Kind);
        return Page();
    }

    // Only a value's name: Enum.TryParse also takes numbers, even undefined ones.
    private static T? Named<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;

    public static string Shown(FormField field, System.Text.Json.Nodes.JsonNode? value) => value switch
    {
        null => "",
        System.Text.Json.Nodes.JsonArray rows => string.Join("；", rows.Select(r => r is System.Text.Json.Nodes.JsonObject row
            ? string.Join("，", field.Columns.Select(c => $"{c.Label} {Shown(c, row[c.Key])}"))
            : r?.ToString())),
        _ => FormAnswers.Masked(field, value.ToString()),
    };
}

// The small form beside a masked field that opens it with a reason (_RevealField).
public sealed record RevealForm(string Field, string TrackingCode);
