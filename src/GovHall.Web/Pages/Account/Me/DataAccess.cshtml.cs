using GovHall.Core.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Account.Me;

// 数据使用记录: every reveal of the person's masked data by staff (RevealPersonalData).
public sealed class DataAccessModel(DataAccessRecords records) : PageModel
{
    public IReadOnlyList<DataAccessRecords.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await records.OfAsync(User.AccountId(), 500, cancellationToken);
}
