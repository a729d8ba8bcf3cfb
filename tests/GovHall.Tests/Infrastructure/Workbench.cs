using System.Net;
using AngleSharp.Dom;
using GovHall.Core.Cases;

namespace GovHall.Tests.Infrastructure;

// Staff acting on a case through its page on the workbench.
public static class Workbench
{
    // Opens the case on the workbench and posts the form of one action, as a member of staff would.
    public static async Task<(HttpResponseMessage Response, IDocument Page)> ActAsync(
        HttpClient staff, string code, CaseAction action, Dictionary<string, string>? values = null, IDocument? seen = null)
    {
        var page = seen ?? await Html.GetAsync(staff, $"/staff/cases/{code}");
        var response = await Html.SubmitAsync(staff, page, $"#action-{action}", values);
        var after = response.StatusCode == HttpStatusCode.Redirect ? await Html.GetAsync(staff, $"/staff/cases/{code}") : await Html.ParseAsync(response);
        return (response, after);
    }
}
