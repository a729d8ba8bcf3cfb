using Microsoft.Playwright;

namespace GovHall.BrowserTests;

public abstract class AdminJourneyTests(BrowserHall hall) : BrowserTest(hall)
{

    [Fact]
    public async Task CatalogAdministrator_EditsAndPublishesWithAReason_PublicSeesTheNewVersion()
    {
        const string item = "义务教育阶段学生转学（跨区转入、外省市转入）";
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/admin");
        Assert.Contains("/account/signin", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("用户名").FillAsync("catalog");
        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("两步验证");
        await page.GetByLabel("动态码或恢复码").FillAsync(Totp.Now());
        await ScreenshotAsync(page, "staff-totp");
        await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("事项管理");
        await ScreenshotAsync(page, "admin-list");

        await page.GetByRole(AriaRole.Link, new() { Name = item }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "编辑（生成新草稿）" }).ClickAsync();
        await page.Locator("#PromisedLimitValue").FillAsync("4");
        await page.Locator("#PromisedLimitNote").FillAsync("材料齐全的当场受理，4 个工作日内办结");
        await ScreenshotAsync(page, "admin-edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("草稿已保存");

        // Publishing without a reason is refused and shows why.
        await page.GetByRole(AriaRole.Button, new() { Name = "发布新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("请填写理由");

        await page.GetByLabel("发布理由（必填）").FillAsync("落实“一网通办”提速要求，承诺时限压缩为 4 个工作日。");
        await page.GetByLabel("发布依据（必填）").FillAsync("闵教〔2026〕12号（演示）");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布新版本" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("已发布第 2 版");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看公开指南" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("承诺时限：4 个工作日");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("第 2 版");
        await ScreenshotAsync(page, "guide-v2");

        await page.GetByRole(AriaRole.Link, new() { Name = "版本历史" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("落实“一网通办”提速要求");
        await Assertions.Expect(page.Locator("ul.diff li.added").First).ToContainTextAsync("4 个工作日");
        await ScreenshotAsync(page, "history");
    }
}

public sealed class AdminJourneyTests_Sqlite(SqliteBrowserHall hall) : AdminJourneyTests(hall), IClassFixture<SqliteBrowserHall>;

public sealed class AdminJourneyTests_Postgres(PostgresBrowserHall hall) : AdminJourneyTests(hall), IClassFixture<PostgresBrowserHall>;
