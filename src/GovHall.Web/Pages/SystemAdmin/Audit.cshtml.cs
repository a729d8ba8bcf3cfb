using System.Text;
using GovHall.Core.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.SystemAdmin;

public sealed class AuditModel(AuditEntries audit) : PageModel
{
    private const int PageSize = 500;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await QueryAsync(PageSize, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var csv = new StringBuilder("at_utc,actor,action,target,detail,address,succeeded\n");
        foreach (var e in await QueryAsync(100_000, cancellationToken))
        {
            csv.AppendLine(string.Join(',', new[] { e.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), e.Actor, e.Action, e.Target, e.Detail, e.Address, e.Succeeded ? "true" : "false" }.Select(Csv)));
        }

        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv", "govhall-audit.csv");
    }

    private Task<IReadOnlyList<AuditEntry>> QueryAsync(int limit, CancellationToken cancellationToken) =>
        audit.SearchAsync(Actor, Action, limit, cancellationToken);

    // Quotes every field and neutralises spreadsheet formulas.
    private static string Csv(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }
}
