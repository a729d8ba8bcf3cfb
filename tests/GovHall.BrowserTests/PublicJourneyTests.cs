using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace GovHall.BrowserTests;

public abstract class PublicJourneyTests(BrowserHall hall) : BrowserTest(hall)
{
    [Fact]
    public async Task Person_SearchesTeacherQualification_OpensTheGuideAndDownloadsTheForm()
    {
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/");
        await ScreenshotAsync(page, "home");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索事项" }).FillAsync("教师资格");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/items?q=*");
        var first = page.Locator("ol.results li a.title").First;
        Assert.Equal("幼儿园、小学和初级中学教师资格认定", await first.InnerTextAsync());
        Assert.True(await page.Locator("ol.results li").First.Locator("mark").CountAsync() > 0);
        await ScreenshotAsync(page, "search-results");

        await first.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("幼儿园、小学和初级中学教师资格认定");
        await Assertions.Expect(page.Locator("#materials")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "guide");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("a[download]", new() { HasText = "空白表格：教师资格认定申请表" }).First.ClickAsync());
        Assert.Equal("教师资格认定申请表.docx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".docx");
        await download.SaveAsAsync(saved);
        Assert.True(new FileInfo(saved).Length > 1000);
        File.Delete(saved);
    }

    [Fact]
    public async Task Catalog_At1280_ShowsTheFilterPanelBesideTheResults()
    {
        var page = await Hall.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/items?q=" + Uri.EscapeDataString("教师"));
        var filters = page.GetByRole(AriaRole.Form, new() { Name = "筛选事项" });
        var results = page.Locator("ol.results");
        await Assertions.Expect(filters).ToBeInViewportAsync();
        await Assertions.Expect(results.Locator("li").First).ToBeVisibleAsync();
        var panel = (await filters.BoundingBoxAsync())!;
        var list = (await results.BoundingBoxAsync())!;
        // Beside: the panel starts level with the results (within a line or two) and ends left of them.
        Assert.InRange(panel.Y, list.Y - 80, list.Y + 80);
        Assert.True(panel.X + panel.Width <= list.X, $"panel {panel.X}+{panel.Width}, results at {list.X}");
        await ScreenshotAsync(page, "catalog-1280");
    }

    [Fact]
    public async Task ElderMode_MakesTextLargerAndIsRememberedAcrossPages()
    {
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/items");
        var normal = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontSize");
        await page.GetByRole(AriaRole.Button, new() { Name = "长辈版（大字）" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync("elder");
        Assert.EndsWith("/items", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync("elder");
        var elder = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontSize");
        Assert.True(float.Parse(elder.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture)
            >= 1.3f * float.Parse(normal.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture), $"{normal} → {elder}");
        var target = await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).BoundingBoxAsync();
        Assert.True(target!.Height >= 60, $"button height {target.Height}");
        await ScreenshotAsync(page, "home-elder");

        await page.GetByRole(AriaRole.Button, new() { Name = "退出长辈版" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToHaveClassAsync("elder");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KeyPages_HaveNoSeriousOrCriticalAccessibilityViolations(bool elder)
    {
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/");
        if (elder)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "长辈版（大字）" }).ClickAsync();
            await Assertions.Expect(page.Locator("body")).ToHaveClassAsync("elder");
        }

        await page.GotoAsync($"/items?q={Uri.EscapeDataString("转学")}");
        var guideUrl = await page.Locator("ol.results li a.title").First.GetAttributeAsync("href");
        var problems = new List<string>();
        foreach (var url in new[] { "/", "/items", $"/items?q={Uri.EscapeDataString("幼儿园")}", guideUrl!, guideUrl + "/history", "/account/signin", "/account/register", "/account/reset" })
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            problems.AddRange(result.Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{url} [{v.Impact}] {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}

public sealed class PublicJourneyTests_Sqlite(SqliteBrowserHall hall) : PublicJourneyTests(hall), IClassFixture<SqliteBrowserHall>;

public sealed class PublicJourneyTests_Postgres(PostgresBrowserHall hall) : PublicJourneyTests(hall), IClassFixture<PostgresBrowserHall>;
