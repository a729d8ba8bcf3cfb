using Deque.AxeCore.Playwright;
using GovHall.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GovHall.BrowserTests;

// 一口办理 · 一码查询 in a real browser: find the item, apply for one situation, leave and
// resume, upload, check, declare, submit, download the receipt, scan its QR code, follow it.
public abstract class ApplyJourneyTests(BrowserHall hall) : BrowserTest(hall)
{
    private static async Task NoSeriousAccessibilityProblemsAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
    }

    [Fact]
    public async Task Person_AppliesForTeacherQualification_LeavesResumesSubmits_AndFollowsTheReceiptsQrCode()
    {
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("账号（手机号码、身份证号码或工作人员用户名）").FillAsync("zhangsan");
        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        // Find the item and start.
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "搜索事项" }).FillAsync("教师资格认定");
        await page.GetByRole(AriaRole.Button, new() { Name = "搜索", Exact = true }).ClickAsync();
        await page.Locator("ol.results li a.title", new() { HasText = "幼儿园、小学和初级中学教师资格认定" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "在线办理" }).ClickAsync();
        await page.GetByLabel("小学教师资格").CheckAsync();
        await ScreenshotAsync(page, "apply-start");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始填写" }).ClickAsync();

        // The form, prefilled; save part of it and leave.
        await Assertions.Expect(page.GetByLabel("姓名", new() { Exact = true })).ToHaveValueAsync("张三");
        await page.GetByLabel("任教学科").FillAsync("小学数学");
        await page.GetByLabel("女", new() { Exact = true }).CheckAsync();
        await NoSeriousAccessibilityProblemsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存，稍后继续" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的办件");
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("草稿已保存");
        await ScreenshotAsync(page, "apply-my-cases-draft");

        // Resume from 我的办件: what was typed is kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "继续填写" }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("任教学科")).ToHaveValueAsync("小学数学");
        await page.GetByLabel("出生日期").FillAsync("1998-05-04");
        await page.GetByLabel("本科").CheckAsync();
        await page.GetByLabel("毕业学校").FillAsync("上海师范大学");
        await page.GetByLabel("毕业时间").FillAsync("2020-06-30");
        await page.GetByLabel("二级甲等").CheckAsync();
        await page.GetByLabel("否", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("第 1 行 学校或单位").FillAsync("上海师范大学");
        await page.GetByLabel("第 1 行 起始年月").FillAsync("2016-09");
        await page.GetByLabel("第 1 行 截止年月").FillAsync("2020-06");
        await page.GetByLabel("通讯地址").FillAsync("上海市闵行区莘庄镇示例路 1 号");
        await ScreenshotAsync(page, "apply-form");

        // Switching to 长辈版 half way keeps what was typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "长辈版（大字）" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveClassAsync("elder");
        await Assertions.Expect(page.GetByLabel("毕业学校")).ToHaveValueAsync("上海师范大学");
        await Assertions.Expect(page.GetByLabel("第 1 行 起始年月")).ToHaveValueAsync("2016-09");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出长辈版" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("通讯地址")).ToHaveValueAsync("上海市闵行区莘庄镇示例路 1 号");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并继续" }).ClickAsync();

        // Materials, one of them exempt because the bureau looks it up itself.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("幼儿园、小学和初级中学教师资格认定");
        await Assertions.Expect(page.Locator("section.material", new() { HasText = "申请人居民身份证" })).ToContainTextAsync("免于提交");
        // The application form is the form just filled in, and the pledge is signed by the
        // declaration: neither is uploaded.
        var applicationForm = page.Locator("section.material", new() { HasText = "教师资格认定申请表" });
        await Assertions.Expect(applicationForm).ToContainTextAsync("您在网上填写的申请表单即为该材料，由系统生成，无需上传。");
        await Assertions.Expect(applicationForm.Locator("input[type=file]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("section.material", new() { HasText = "个人承诺书（思想品德情况）" })).ToContainTextAsync("提交申请时勾选的承诺");
        await UploadAsync(page, "本人近期免冠证件照片", "照片.png", "image/png", SampleFiles.Png);
        await UploadAsync(page, "体格检查合格证明", "体检合格证明.pdf", "application/pdf", SampleFiles.Pdf);

        // A scan larger than the server would take in one request by default (32 MB) is
        // refused with the material's own limit, and nothing is added.
        // Given from disk: a 33 MB buffer crosses Playwright's pipe as base64, which took over
        // a minute on a busy 2-core machine.
        var scan = Path.Combine(Hall.DataDirectory, "扫描件.pdf");
        await using (var written = File.Create(scan))
        {
            await written.WriteAsync(SampleFiles.Pdf, TestContext.Current.CancellationToken);
            written.SetLength(33 * 1024 * 1024);
        }

        var photo = page.Locator("section.material", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "本人近期免冠证件照片" }) });
        var heavy = page.Locator("section.material", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "体格检查合格证明" }) });
        await heavy.Locator("input[type=file]").SetInputFilesAsync(scan);
        await heavy.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("文件“扫描件.pdf”超过了 10 MB 的上限。");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("已收到“扫描件.pdf”");
        await ScreenshotAsync(page, "apply-materials");
        await NoSeriousAccessibilityProblemsAsync(page);

        // Leave after uploading and come back: the files are kept.
        await page.GotoAsync("/account/me/cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "继续填写" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并继续" }).ClickAsync();
        await Assertions.Expect(photo).ToContainTextAsync("照片.png");
        await Assertions.Expect(heavy).ToContainTextAsync("体检合格证明.pdf");
        await Assertions.Expect(heavy).Not.ToContainTextAsync("扫描件.pdf");

        // A file over even the page's own limit (60 MB) is refused before the hall reads it,
        // with a page that names the limit and leads back to the materials.
        // (Playwright takes a file this large from disk only.)
        var huge = Path.Combine(Hall.DataDirectory, "整本扫描.pdf");
        await using (var written = File.Create(huge))
        {
            await written.WriteAsync(SampleFiles.Pdf, TestContext.Current.CancellationToken);
            written.SetLength(61 * 1024 * 1024);
        }

        await heavy.Locator("input[type=file]").SetInputFilesAsync(huge);
        await heavy.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("提交的内容超过了 60 MB 的上限，没有保存任何内容");
        await page.GetByRole(AriaRole.Link, new() { Name = "返回刚才的页面" }).ClickAsync();
        await Assertions.Expect(heavy).ToContainTextAsync("体检合格证明.pdf");
        await Assertions.Expect(heavy).Not.ToContainTextAsync("整本扫描.pdf");
        await page.GetByRole(AriaRole.Link, new() { Name = "继续：核对并提交" }).ClickAsync();

        // Check your answers, declare, submit.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("核对您的申请");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("上海师范大学");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("310***********1233");
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#declared")).ToContainTextAsync("勾选即同时在网上签署：《个人承诺书（思想品德情况）》");
        await ScreenshotAsync(page, "apply-check");
        await page.GetByLabel("本人承诺", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交");
        var trackingCode = await page.Locator("[data-tracking-code]").GetAttributeAsync("data-tracking-code");
        Assert.NotNull(trackingCode);
        await ScreenshotAsync(page, "apply-submitted");
        await NoSeriousAccessibilityProblemsAsync(page);

        // The receipt, and its QR code scanned from the PDF.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "下载材料接收凭证（PDF）" }).ClickAsync());
        var path = await download.PathAsync();
        var pdf = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.Contains("材料接收凭证", PdfReading.Text(pdf), StringComparison.Ordinal);
        Assert.Contains("网上填报，系统生成", PdfReading.Text(pdf), StringComparison.Ordinal);
        var scanned = PdfReading.ScanQrCode(pdf);
        Assert.NotNull(scanned);
        Assert.Equal($"{Hall.BaseUrl}/query?code={trackingCode}", scanned);

        // Follow it, as a phone would, without signing in.
        var phone = await Hall.NewPageAsync();
        await phone.GotoAsync(scanned);
        await Assertions.Expect(phone.Locator(".result")).ToContainTextAsync("幼儿园、小学和初级中学教师资格认定");
        await Assertions.Expect(phone.Locator(".result .stage")).ToHaveTextAsync("已提交，等待预审");
        await Assertions.Expect(phone.Locator("ol.timeline")).ToHaveCountAsync(0);
        await phone.GetByLabel("手机号后四位（选填）").FillAsync("0001");
        await phone.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(phone.Locator("ol.timeline")).ToContainTextAsync("提交申请");
        await ScreenshotAsync(phone, "query-status");
        await NoSeriousAccessibilityProblemsAsync(phone);
    }
}

public sealed class ApplyJourneyTests_Sqlite(SqliteBrowserHall hall) : ApplyJourneyTests(hall), IClassFixture<SqliteBrowserHall>;

public sealed class ApplyJourneyTests_Postgres(PostgresBrowserHall hall) : ApplyJourneyTests(hall), IClassFixture<PostgresBrowserHall>;
