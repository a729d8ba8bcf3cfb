using GovHall.Core.Catalog;
using GovHall.Web.Api;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace GovHall.Web.Pages.Items;

// The directory and the search page: one list, filtered and (with q) ranked by relevance.
public sealed class IndexModel(PublicCatalog catalog, CatalogIndex index) : PageModel
{
    public CatalogQuery Query { get; private set; } = new();
    public CatalogPage Results { get; private set; } = new([], 0, 1, 20);
    public IReadOnlyList<(string Topic, int Count)> Topics { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Topics = await catalog.TopicsAsync(cancellationToken);
        var parsed = CatalogQueryParser.Parse(Request.Query);
        if (!parsed.Succeeded)
        {
            Problem = parsed.Errors[0].Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        Query = parsed.Value!;
        Results = await index.SearchAsync(Query, cancellationToken);
    }

    public string PageUrl(int page)
    {
        var values = Request.Query.Where(p => p.Key != "page").ToDictionary(p => p.Key, p => p.Value.ToString());
        values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/items", values!);
    }
}
