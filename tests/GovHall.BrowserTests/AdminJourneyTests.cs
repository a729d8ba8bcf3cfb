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

    [Fact]
    public async Task CatalogAdministrator_BuildsAFormFieldByField_SeesOnlyTheSettingsOfEachKind_AndAPreview()
    {
        const string item = "民办学校招生简章和广告备案";
        var page = await SignInAsync("catalog");
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = item }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "编辑申请表单" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("编辑申请表单");

        await page.GetByRole(AriaRole.Button, new() { Name = "增加一个字段" }).ClickAsync();
        var field = page.Locator("#F0");
        await Assertions.Expect(field).ToContainTextAsync("请填写字段标题");
        // A text field offers lengths and a pattern, not options or rows.
        await Assertions.Expect(field.GetByLabel("最多字数（选填，默认 200）")).ToBeVisibleAsync();
        await Assertions.Expect(field.GetByLabel("选项（每行一个，2 至 50 个）")).ToBeHiddenAsync();
        await Assertions.Expect(field.GetByLabel("最多行数（选填，最多 50）")).ToBeHiddenAsync();

        await field.GetByLabel("标题（申请人看到的名称）").FillAsync("招生对象");
        await field.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "选项" });
        await Assertions.Expect(field.GetByLabel("选项（每行一个，2 至 50 个）")).ToBeVisibleAsync();
        await Assertions.Expect(field.GetByLabel("最多字数（选填，默认 200）")).ToBeHiddenAsync();
        await field.GetByLabel("选项（每行一个，2 至 50 个）").FillAsync("幼儿园\n小学\n初中");
        await field.GetByLabel("必填").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存表单" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("表单已保存到草稿。");

        var preview = page.Locator("form[aria-label='申请表单预览']");
        await Assertions.Expect(preview.Locator("legend")).ToHaveTextAsync("招生对象");
        await Assertions.Expect(preview.GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "admin-form-editor");

        // Enter in a box saves; it does not press the first button on the page (上移, 删除).
        await page.Locator("#F0Hint").FillAsync("可多选的请联系招生办");
        await page.Locator("#F0Hint").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#F0Hint")).ToHaveValueAsync("可多选的请联系招生办");
        await Assertions.Expect(preview.Locator("#f-field1-hint")).ToHaveTextAsync("可多选的请联系招生办");
        await Assertions.Expect(page.Locator("fieldset.field-editor")).ToHaveCountAsync(1);

        // The edit page names the form's fields and keeps them on save.
        await page.GetByRole(AriaRole.Link, new() { Name = "编辑页" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("共 1 个字段：招生对象");
        await page.GetByRole(AriaRole.Button, new() { Name = "逐项编辑表单" }).ClickAsync();
        await Assertions.Expect(page.Locator("#F0Label")).ToHaveValueAsync("招生对象");
    }
}

public sealed class AdminJourneyTests_Sqlite(SqliteBrowserHall hall) : AdminJourneyTests(hall), IClassFixture<SqliteBrowserHall>;

public sealed class AdminJourneyTests_Postgres(PostgresBrowserHall hall) : AdminJourneyTests(hall), IClassFixture<PostgresBrowserHall>;
