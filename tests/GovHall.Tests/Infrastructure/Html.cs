using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace GovHall.Tests.Infrastructure;

// Reads pages as a browser would and posts their forms with the anti-forgery token they carry.
public static class Html
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage!.RequestUri!.ToString()));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    // Submits a form found by selector, with its current field values overridden by `values`.
    public static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client, IDocument page, string formSelector, IDictionary<string, string>? values = null, string? submitterName = null, string? submitterValue = null,
        IEnumerable<(string Field, string FileName, byte[] Content)>? files = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form {formSelector}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "file" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }

        if (values is not null)
        {
            foreach (var (name, value) in values)
            {
                fields.RemoveAll(f => f.Key == name);
                fields.Add(new(name, value));
            }
        }

        if (submitterName is not null)
        {
            fields.Add(new(submitterName, submitterValue ?? ""));
        }

        // Resolve the action against the address the page was fetched from, as a browser does.
        var action = new Uri(new Uri(page.Url), form.GetAttribute("action") ?? "");
        HttpContent content = form.Enctype == "multipart/form-data" ? Multipart(fields, files ?? []) : new FormUrlEncodedContent(fields);
        return client.PostAsync(action, content);
    }

    private static MultipartFormDataContent Multipart(IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Field, string FileName, byte[] Content)> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (field, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), field, fileName);
        }

        return content;
    }

    public static string Text(this IDocument page) => page.Body?.TextContent ?? "";
}

public static class Staff
{
    public const string Password = "Demo#2026";
    public const string TotpSecret = "JBSWY3DPEHPK3PXP";

    public static string CurrentTotp() => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(TotpSecret)).ComputeTotp();

    // Signs in as a demo account: password, then (for staff) the TOTP code of the published demo secret.
    public static async Task<HttpClient> SignInAsync(HallFactory hall, string userName)
    {
        var client = hall.CreateBrowserLikeClient();
        var page = await Html.GetAsync(client, "/account/signin");
        var response = await Html.SubmitAsync(client, page, "main form", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/account/signin/two-factor", StringComparison.Ordinal))
        {
            var second = await Html.GetAsync(client, response.Headers.Location.OriginalString);
            var done = await Html.SubmitAsync(client, second, "main form", new Dictionary<string, string> { ["Code"] = CurrentTotp() });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);
        }

        return client;
    }
}
