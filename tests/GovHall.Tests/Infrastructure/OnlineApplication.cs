using System.Net;

namespace GovHall.Tests.Infrastructure;

// Applying online through the pages, as the signed-in person would: a draft started, its files uploaded.
public static class OnlineApplication
{
    // Starts an application as the signed-in person and returns the form page's address.
    public static async Task<string> StartAsync(HttpClient person, string itemCode, string? situation)
    {
        var start = await Html.GetAsync(person, $"/apply/{itemCode}");
        var values = new Dictionary<string, string>();
        if (situation is not null)
        {
            values["Situation"] = situation;
        }

        var started = await Html.SubmitAsync(person, start, "main form", values);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.OriginalString;
    }

    // Uploads one file for one material on the draft's materials page.
    public static async Task UploadAsync(HttpClient person, string materialsUrl, string material, string fileName, byte[] content, HttpStatusCode expected = HttpStatusCode.Redirect)
    {
        var page = await Html.GetAsync(person, materialsUrl);
        var form = page.QuerySelectorAll("form[action*='handler=Upload']")
            .Single(f => f.QuerySelector("input[name=material]")!.GetAttribute("value") == material);
        form.Id = "upload-target";
        var response = await Html.SubmitAsync(person, page, "#upload-target", files: [("file", fileName, content)]);
        Assert.Equal(expected, response.StatusCode);
    }
}
