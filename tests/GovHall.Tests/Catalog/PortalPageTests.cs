using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GovHall.Tests.Infrastructure;

namespace GovHall.Tests.Catalog;

public abstract class PortalPageTests(HallFactory hall) : HallTest(hall)
{
    private async Task<string> GuideUrlAsync(string name)
    {
        var results = await Html.GetAsync(Client, $"/items?q={Uri.EscapeDataString(name)}");
        var link = results.QuerySelectorAll("ol.results a.title").First(a => a.TextContent == name);
        return link.GetAttribute("href")!;
    }

    [Fact]
    public async Task Home_ShowsSearchTopicsDepartmentsAndMostUsedItems()
    {
        var home = await Html.GetAsync(Client, "/");
        Assert.NotNull(home.QuerySelector("form[role=search] input[name=q]"));
        var topics = home.QuerySelectorAll("ul[aria-labelledby=topics] a").Select(a => a.TextContent).ToList();
        Assert.Contains(topics, t => t.StartsWith("入学转学", StringComparison.Ordinal));
        Assert.Contains(topics, t => t.StartsWith("教师", StringComparison.Ordinal));
        Assert.NotEmpty(home.QuerySelectorAll("ul[aria-labelledby=departments] a"));
        Assert.True(home.QuerySelectorAll("ul[aria-labelledby=popular] li").Length >= 5);
    }

    [Fact]
    public async Task Directory_FilterByTopicAndZeroVisits_ListsOnlyThoseItems()
    {
        var all = await Html.GetAsync(Client, "/items");
        var teachers = await Html.GetAsync(Client, $"/items?topic={Uri.EscapeDataString("教师")}");
        var teacherNames = teachers.QuerySelectorAll("ol.results a.title").Select(a => a.TextContent).ToList();
        Assert.Contains(Demo.TeacherQualification, teacherNames);
        Assert.DoesNotContain(Demo.SchoolBus, teacherNames);
        Assert.True(teacherNames.Count < all.QuerySelectorAll("ol.results li").Length);

        var zero = await Html.GetAsync(Client, "/items?zeroVisits=true&pageSize=100");
        Assert.All(zero.QuerySelectorAll("ol.results li"), li => Assert.Contains("零跑动", li.TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(Demo.SchoolBus, zero.QuerySelectorAll("ol.results a.title").Select(a => a.TextContent));
    }

    [Fact]
    public async Task Search_Page_HighlightsMatchesAndRanksBestFirst()
    {
        var page = await Html.GetAsync(Client, $"/items?q={Uri.EscapeDataString("教师资格")}");
        var first = page.QuerySelector("ol.results li a.title")!;
        Assert.Equal(Demo.TeacherQualification, first.TextContent);
        Assert.NotNull(first.QuerySelector("mark"));
        Assert.Contains("共找到", page.QuerySelector("#result-count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_BadQuery_AnswersInChinese400()
    {
        var response = await Client.GetAsync($"/items?q={Uri.EscapeDataString(new string('字', 101))}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("搜索词不能超过 100 个字", page.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guide_ShowsEveryElementInReadableSections()
    {
        var guide = await Html.GetAsync(Client, await GuideUrlAsync(Demo.TeacherQualification));
        var sections = guide.QuerySelectorAll("h2").Select(h => h.TextContent).ToList();
        foreach (var section in new[] { "基本信息", "受理条件", "申请材料", "办理流程", "办理时限", "收费标准", "办理方式", "办理地点和时间", "咨询和监督投诉", "权利救济", "办理结果", "法律依据" })
        {
            Assert.Contains(section, sections);
        }

        var text = guide.Text();
        Assert.Contains("设定依据", text, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国教师法》", text, StringComparison.Ordinal);
        Assert.Contains("个工作日", text, StringComparison.Ordinal);
        Assert.Contains("情形：", text, StringComparison.Ordinal);
        Assert.NotNull(guide.QuerySelector("a[href$='/print']"));
        Assert.NotNull(guide.QuerySelector("a[href$='/history']"));
    }

    [Fact]
    public async Task Guide_MaterialsGivenOnlyElectronically_SayNoPaperCounts()
    {
        var guide = await Html.GetAsync(Client, await GuideUrlAsync(Demo.TeacherQualification));
        var text = guide.Text();
        Assert.Contains("本人近期免冠证件照片", text, StringComparison.Ordinal);
        Assert.DoesNotContain("原件 0 份", text, StringComparison.Ordinal);
        Assert.DoesNotContain("复印件 0 份", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPages_NameNoRepositoryPaths_AndTheOfflineRecipeHasItsOwnPage()
    {
        foreach (var url in new[] { "/", "/items", "/query", "/certificates/verify", "/certificates/offline", await GuideUrlAsync(Demo.TeacherQualification) })
        {
            Assert.DoesNotContain("docs/", (await Html.GetAsync(Client, url)).Text(), StringComparison.Ordinal);
        }

        var verify = await Html.GetAsync(Client, "/certificates/verify");
        Assert.NotNull(verify.QuerySelector("a[href='/certificates/offline']"));
        var offline = await Html.GetAsync(Client, "/certificates/offline");
        Assert.Contains("openssl dgst -sha256 -verify key.pem -signature signature.der payload.json", offline.QuerySelector("#recipe")!.TextContent, StringComparison.Ordinal);
        var keys = await Client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/certificates/keys", TestContext.Current.CancellationToken);
        var pem = keys.GetProperty("keys")[0].GetProperty("publicKeyPem").GetString()!;
        Assert.Contains(offline.QuerySelectorAll("pre"), p => p.TextContent.Trim() == pem.Trim());
    }

    [Fact]
    public async Task Guide_BlankForm_DownloadsTheStoredFileWithItsName()
    {
        var guide = await Html.GetAsync(Client, await GuideUrlAsync(Demo.TeacherQualification));
        var link = guide.QuerySelectorAll("a[download]").First(a => a.TextContent.Contains("教师资格认定申请表", StringComparison.Ordinal));
        var href = link.GetAttribute("href")!;
        var response = await Client.GetAsync(href, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("教师资格认定申请表", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancel);
        var sha = href.Split('/')[2];
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public async Task FileDownload_NotReferencedByAPublishedItem_Is404()
    {
        var response = await Client.GetAsync($"/files/{new string('a', 64)}/x.pdf", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var admin = await Client.GetAsync($"/admin/files/{new string('a', 64)}/x.pdf", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task PrintView_HasTheGuideWithoutNavigation()
    {
        var url = await GuideUrlAsync(Demo.SchoolBus);
        var print = await Html.GetAsync(Client, url + "/print");
        Assert.Null(print.QuerySelector("header.site-header"));
        Assert.Contains("办事指南（第 1 版）", print.Text(), StringComparison.Ordinal);
        Assert.NotNull(print.QuerySelector("link[media=print], link[href*='print.css']"));
    }

    [Fact]
    public async Task UnknownItem_IsAChinese404Page()
    {
        var response = await Client.GetAsync($"/items/{Demo.Prefix}009999999999", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("没有找到", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var nonsense = await Client.GetAsync("/items/%3Cscript%3E", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
    }

    // A page that does not exist, or a request refused before any page, looks like the hall
    // (its stylesheet and header, 长辈版 when chosen) and says what happened in its heading.
    [Fact]
    public async Task UnknownAddress_IsTheHallsOwnPage_NamedForWhatHappened()
    {
        var response = await Client.GetAsync("/no-such-page", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("页面不存在", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("没有找到您要访问的页面", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][href='/css/site.css']"));
        Assert.NotNull(page.QuerySelector("header.site-header a[href='/query']"));
        Assert.DoesNotContain("elder", page.Body!.ClassName ?? "", StringComparison.Ordinal);

        using var elder = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        elder.Headers.Add("Cookie", $"{GovHall.Web.Hosting.Http.ElderMode.CookieName}=1");
        var large = await Html.ParseAsync(await Client.SendAsync(elder, Cancel));
        Assert.Contains("elder", large.Body!.ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElderMode_IsRememberedAcrossPagesAndCanBeTurnedOff()
    {
        var home = await Html.GetAsync(Client, "/");
        Assert.DoesNotContain("elder", home.Body!.ClassName ?? "", StringComparison.Ordinal);
        var on = await Html.SubmitAsync(Client, home, "form[action='/preferences/elder']");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/", on.Headers.Location?.OriginalString);

        var directory = await Html.GetAsync(Client, "/items");
        Assert.Contains("elder", directory.Body!.ClassName ?? "", StringComparison.Ordinal);
        Assert.Contains("退出长辈版", directory.Text(), StringComparison.Ordinal);

        await Html.SubmitAsync(Client, directory, "form[action='/preferences/elder']");
        var after = await Html.GetAsync(Client, "/");
        Assert.DoesNotContain("elder", after.Body!.ClassName ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElderMode_RefusesToRedirectOffSite()
    {
        var home = await Html.GetAsync(Client, "/");
        var response = await Html.SubmitAsync(Client, home, "form[action='/preferences/elder']",
            new Dictionary<string, string> { ["returnUrl"] = "https://evil.example/" });
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        foreach (var url in new[] { "/", "/items", "/api/v1/items", "/nowhere" })
        {
            var response = await Client.GetAsync(url, Cancel);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.Contains("Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptOrStyle()
    {
        foreach (var url in new[] { "/", "/items", await GuideUrlAsync(Demo.TeacherQualification), "/account/signin" })
        {
            var page = await Html.GetAsync(Client, url);
            Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
        }
    }
}

public sealed class PortalPageTests_Sqlite(SqliteHall hall) : PortalPageTests(hall), IClassFixture<SqliteHall>;

public sealed class PortalPageTests_Postgres(PostgresHall hall) : PortalPageTests(hall), IClassFixture<PostgresHall>;
