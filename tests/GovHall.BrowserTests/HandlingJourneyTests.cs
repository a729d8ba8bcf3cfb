using GovHall.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GovHall.BrowserTests;

// 受理审核 · 全程网办 · 电子证照 in a real browser: the window returns a case with a one-time
// notice, the applicant corrects it, the window accepts, review and approval grant it (with a
// suspension that moves the deadline on screen), and the applicant downloads the certificate
// and verifies it by its QR code. And a refusal.
public abstract class HandlingJourneyTests(MailBrowserHall hall) : BrowserTest(hall)
{
    private MailBrowserHall MailHall => (MailBrowserHall)Hall;

    // 张三 applies for the primary-school teacher qualification; answers the tracking code.
    private static async Task<string> ApplyAsync(IPage page)
    {
        await page.GotoAsync("/apply/" + await TeacherCodeAsync(page));
        await page.GetByLabel("小学教师资格").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "开始填写" }).ClickAsync();
        await page.GetByLabel("任教学科").FillAsync("小学数学");
        await page.GetByLabel("女", new() { Exact = true }).CheckAsync();
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
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并继续" }).ClickAsync();
        await UploadAsync(page, "本人近期免冠证件照片", "照片.png", "image/png", SampleFiles.Png);
        await UploadAsync(page, "体格检查合格证明", "体检合格证明.pdf", "application/pdf", SampleFiles.Pdf);
        await page.GetByRole(AriaRole.Link, new() { Name = "继续：核对并提交" }).ClickAsync();
        await page.GetByLabel("本人承诺", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交");
        return (await page.Locator("[data-tracking-code]").GetAttributeAsync("data-tracking-code"))!;
    }

    private static async Task<string> TeacherCodeAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/v1/items?q=" + Uri.EscapeDataString("教师资格认定") + "&pageSize=5");
        var json = await response.JsonAsync();
        foreach (var item in json!.Value.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("name").GetString() == "幼儿园、小学和初级中学教师资格认定")
            {
                return item.GetProperty("code").GetString()!;
            }
        }

        throw new InvalidOperationException("The demo teacher qualification item is missing.");
    }

    private static async Task ActAsync(IPage staff, string code, string action, Func<ILocator, Task>? fill = null)
    {
        await staff.GotoAsync($"/staff/cases/{code}");
        var form = staff.Locator($"#action-{action}");
        if (fill is not null)
        {
            await fill(form);
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(staff.Locator("#done")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Case_IsReturnedCorrectedAcceptedSuspendedAndGranted_AndTheApplicantVerifiesTheCertificate()
    {
        var zhangsan = await SignInAsync("zhangsan", secondFactor: false);
        var code = await ApplyAsync(zhangsan);

        // The window finds it in the queue and returns it with a one-time notice.
        var clerk = await SignInAsync("clerk");
        await clerk.GotoAsync("/staff");
        await clerk.Locator($"#queue tr[data-code='{code}'] a").ClickAsync();
        await Assertions.Expect(clerk.Locator("#materials img").First).ToBeVisibleAsync();
        await ScreenshotAsync(clerk, "staff-case");
        await ActAsync(clerk, code, "RequestCorrection", async form =>
        {
            var photo = form.Locator("fieldset", new() { HasText = "本人近期免冠证件照片" });
            await photo.GetByRole(AriaRole.Checkbox).CheckAsync();
            await photo.GetByLabel("需要补正的原因").FillAsync("照片背景应为白色，请重新上传。");
            var school = form.Locator("fieldset.fix-field", new() { HasText = "毕业学校" });
            await school.GetByRole(AriaRole.Checkbox).CheckAsync();
            await school.GetByLabel("需要更正的原因").FillAsync("请填写毕业证书上的学校全称。");
        });

        // The notice reaches the applicant's inbox (unread in the header) and, as the same
        // text, their mailbox on a real SMTP server.
        await MailHall.DispatchAsync();
        await zhangsan.GotoAsync("/account/me/inbox");
        await Assertions.Expect(zhangsan.Locator("#unread")).ToBeVisibleAsync();
        await zhangsan.Locator("#inbox a", new() { HasText = "请补正材料" }).ClickAsync();
        await Assertions.Expect(zhangsan.Locator("#message")).ToContainTextAsync("本人近期免冠证件照片：照片背景应为白色，请重新上传。");
        await ScreenshotAsync(zhangsan, "applicant-inbox-notice");
        var inboxText = await zhangsan.Locator("#message p.pre").InnerTextAsync();
        var mails = await MailHall.Mail!.EmailsAsync();
        var mail = mails.Single(m => m.GetProperty("subject").GetString()!.EndsWith("请补正材料", StringComparison.Ordinal)
            && m.GetProperty("text").GetString()!.Contains(GovHall.Core.Cases.TrackingCode.Display(code), StringComparison.Ordinal));
        Assert.Equal("zhangsan@example.com", mail.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal(inboxText.Trim(), mail.GetProperty("text").GetString()!.Trim());

        // The applicant reads the notice in 我的办件 and uploads a new photo.
        await zhangsan.GotoAsync($"/account/me/cases/{code}");
        await Assertions.Expect(zhangsan.Locator("#correction")).ToContainTextAsync("照片背景应为白色");
        await ScreenshotAsync(zhangsan, "applicant-correction");
        await zhangsan.Locator("#correction input[type=file]").SetInputFilesAsync(new FilePayload { Name = "白底照片.png", MimeType = "image/png", Buffer = SampleFiles.Png });
        await Assertions.Expect(zhangsan.Locator("#correction .correct-answer .before")).ToHaveTextAsync("上海师范大学");
        await zhangsan.GetByLabel("更正后的申请表“毕业学校”").FillAsync("上海师范大学教育学院");
        await zhangsan.GetByRole(AriaRole.Button, new() { Name = "提交补正" }).ClickAsync();
        await Assertions.Expect(zhangsan.Locator("#done")).ToContainTextAsync("补正材料已提交");
        await Assertions.Expect(zhangsan.Locator("#answer-changes .after")).ToHaveTextAsync("上海师范大学教育学院");

        // Accepted, reviewed; the approver suspends for an expert review.
        await ActAsync(clerk, code, "Accept");
        var reviewer = await SignInAsync("reviewer");
        await ActAsync(reviewer, code, "Review", form => form.GetByLabel("审查意见").FillAsync("材料齐全，符合认定条件。"));
        var approver = await SignInAsync("approver");
        await approver.GotoAsync($"/staff/cases/{code}");
        var deadlineBefore = await approver.Locator("#deadline").InnerTextAsync();
        await ActAsync(approver, code, "Suspend", async form =>
        {
            await form.GetByLabel("特别程序").SelectOptionAsync("专家评审");
            await form.GetByLabel("中止的理由").FillAsync("需专家评审教育教学能力。");
        });
        await Assertions.Expect(approver.Locator("#time-left")).ToContainTextAsync("中止中");

        // A week later the review is done: resuming moves the deadline on screen.
        Hall.Clock.Advance(TimeSpan.FromDays(7));
        approver = await SignInAsync("approver");
        await ActAsync(approver, code, "Resume");
        var deadlineAfter = await approver.Locator("#deadline").InnerTextAsync();
        Assert.True(string.CompareOrdinal(deadlineAfter, deadlineBefore) > 0, $"{deadlineBefore} → {deadlineAfter}");
        await Assertions.Expect(approver.Locator("#case-facts")).ToContainTextAsync("特别程序已扣除");
        await ScreenshotAsync(approver, "staff-resumed");

        await ActAsync(approver, code, "Decide", async form =>
        {
            await form.GetByLabel("准予", new() { Exact = true }).CheckAsync();
            await form.GetByLabel("审批意见或不予准予的理由").FillAsync("同意认定。");
        });

        // The applicant downloads the certificate and follows its QR code to the verification page.
        zhangsan = await SignInAsync("zhangsan", secondFactor: false);
        await zhangsan.GotoAsync($"/account/me/cases/{code}");
        var download = await zhangsan.RunAndWaitForDownloadAsync(() =>
            zhangsan.Locator("#documents a", new() { HasText = "电子证照" }).First.ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains("教师资格证书", PdfReading.Text(pdf), StringComparison.Ordinal);
        var link = PdfReading.ScanQrCode(pdf);
        Assert.NotNull(link);
        var verify = await Hall.NewPageAsync();
        await verify.GotoAsync(link);
        await Assertions.Expect(verify.Locator("#verdict")).ToContainTextAsync("有效");
        await Assertions.Expect(verify.Locator("#certificate")).ToContainTextAsync("张三");
        await ScreenshotAsync(verify, "certificate-verified");
    }

    [Fact]
    public async Task Window_RefusesACase_AndTheApplicantSeesWhyWithTheNotice()
    {
        var zhangsan = await SignInAsync("zhangsan", secondFactor: false);
        var code = await ApplyAsync(zhangsan);
        var clerk = await SignInAsync("clerk");
        await ActAsync(clerk, code, "Refuse", async form =>
        {
            await form.GetByLabel("不予受理的理由").FillAsync("申请人户籍及工作单位均不在本区，不属于本机关管辖。");
            await form.GetByLabel("法律依据").FillAsync("《中华人民共和国行政许可法》第三十二条第一款第（二）项");
        });
        await Assertions.Expect(clerk.Locator("#stage")).ToContainTextAsync("不予受理");

        await zhangsan.GotoAsync($"/account/me/cases/{code}");
        await Assertions.Expect(zhangsan.Locator("main")).ToContainTextAsync("不属于本机关管辖");
        await Assertions.Expect(zhangsan.Locator("#documents")).ToContainTextAsync("不予受理通知书");
        await Assertions.Expect(zhangsan.Locator("#withdraw")).ToHaveCountAsync(0);
        await ScreenshotAsync(zhangsan, "applicant-refused");
    }

    [Fact]
    public async Task Window_OpensTheAddressForDelivery_AndTheApplicantSeesTheRecord()
    {
        var zhangsan = await SignInAsync("zhangsan", secondFactor: false);
        var code = await ApplyAsync(zhangsan);
        var clerk = await SignInAsync("clerk");
        await clerk.GotoAsync($"/staff/cases/{code}");
        var reveal = clerk.Locator("details.reveal[data-field='answer:address']");
        await reveal.Locator("summary").ClickAsync();
        await reveal.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#problems")).ToContainTextAsync("请选择查看完整信息的原因");
        reveal = clerk.Locator("details.reveal[data-field='answer:address']");
        await reveal.Locator("summary").ClickAsync();
        await reveal.GetByLabel("送达").CheckAsync();
        await reveal.GetByRole(AriaRole.Button, new() { Name = "查看" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#revealed .revealed-value")).ToHaveTextAsync("上海市闵行区莘庄镇示例路 1 号");
        await ScreenshotAsync(clerk, "staff-revealed-address");

        await zhangsan.GotoAsync("/account/me");
        await zhangsan.GetByRole(AriaRole.Link, new() { Name = "数据使用记录" }).ClickAsync();
        var row = zhangsan.Locator("#data-access tbody tr", new() { HasText = GovHall.Core.Cases.TrackingCode.Display(code) });
        await Assertions.Expect(row).ToContainTextAsync("通讯地址");
        await Assertions.Expect(row).ToContainTextAsync("送达");
        await Assertions.Expect(row).ToContainTextAsync("窗口受理");
        await ScreenshotAsync(zhangsan, "applicant-data-access");
    }
}

public sealed class HandlingJourneyTests_Sqlite(SqliteMailBrowserHall hall) : HandlingJourneyTests(hall), IClassFixture<SqliteMailBrowserHall>;

public sealed class HandlingJourneyTests_Postgres(PostgresMailBrowserHall hall) : HandlingJourneyTests(hall), IClassFixture<PostgresMailBrowserHall>;
