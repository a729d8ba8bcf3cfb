using Deque.AxeCore.Playwright;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GovHall.BrowserTests;

public abstract partial class AccountJourneyTests(BrowserHall hall) : BrowserTest(hall)
{

    [Fact]
    public async Task Person_RegistersConfirmsWithTheCodeAndSeesTheProfileMasked()
    {
        const string idNumber = "310104199203023451";
        var phone = "137" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        GovHall.Tests.Infrastructure.PersonalValues.Remember(idNumber);
        GovHall.Tests.Infrastructure.PersonalValues.Remember(phone);
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByRole(AriaRole.Link, new() { Name = "没有账号？个人注册" }).ClickAsync();
        await page.GetByLabel("姓名").FillAsync("陈小红");
        await page.GetByLabel("居民身份证号码（18 位）").FillAsync("310104199203023452");
        await page.GetByLabel("手机号码").FillAsync(phone);
        await page.GetByLabel("设置密码").FillAsync("Parent#2026x");
        await page.GetByLabel("再次输入密码").FillAsync("Parent#2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("身份证号码最后一位校验码不正确");
        await ScreenshotAsync(page, "register-error");

        await page.GetByLabel("居民身份证号码（18 位）").FillAsync(idNumber);
        await page.GetByLabel("设置密码").FillAsync("Parent#2026x");
        await page.GetByLabel("再次输入密码").FillAsync("Parent#2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("输入验证码");

        // The code did not arrive: another may be asked for a minute after the first.
        await Assertions.Expect(page.Locator("#resend-note")).ToContainTextAsync("秒后可重新获取");
        await page.GetByRole(AriaRole.Button, new() { Name = "重新获取验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("验证码已发送，请");
        Hall.Clock.Advance(GovHall.Core.Accounts.OneTimeCodes.Spacing);
        await page.GetByRole(AriaRole.Button, new() { Name = "重新获取验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToHaveTextAsync("验证码已重新发送。");

        var mailbox = await Hall.NewPageAsync();
        await mailbox.GotoAsync($"/dev/mailbox?to={phone}");
        await Assertions.Expect(mailbox.Locator("#mailbox tbody tr")).ToHaveCountAsync(2);
        var body = await mailbox.Locator("#mailbox tbody tr td.message-body").First.InnerTextAsync();
        var code = SixDigits().Match(body).Value;

        await page.GetByLabel("验证码", new() { Exact = true }).FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "完成注册" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的账号");
        await Assertions.Expect(page.Locator("#id-number")).ToHaveTextAsync("310***********3451");
        await Assertions.Expect(page.Locator("#phone")).ToHaveTextAsync($"{phone[..3]}****{phone[7..]}");
        Assert.DoesNotContain(idNumber, await page.ContentAsync(), StringComparison.Ordinal);
        await ScreenshotAsync(page, "profile-masked");
        var axe = await page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");

        // Someone guesses the password from this device; the owner unlocks it with a code.
        await page.GotoAsync("/account/signout");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认退出" }).ClickAsync();
        for (var i = 0; i < 6; i++)
        {
            await page.GotoAsync("/account/signin");
            await page.GetByLabel("账号（手机号码、身份证号码或工作人员用户名）").FillAsync(phone);
            await page.GetByLabel("密码").FillAsync(i < 5 ? "Wrong#pass" + i : "Parent#2026x");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("账号或密码不正确，或账号暂时被锁定");
        }

        Hall.Clock.Advance(GovHall.Core.Accounts.OneTimeCodes.Spacing);
        await page.GetByRole(AriaRole.Link, new() { Name = "账号被锁定？用验证码解锁" }).ClickAsync();
        await page.GetByLabel("手机号码或身份证号码").FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "发送验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("验证码已发送到注册手机");
        await mailbox.ReloadAsync();
        await Assertions.Expect(mailbox.Locator("#mailbox tbody tr")).ToHaveCountAsync(3);
        var unlockCode = SixDigits().Match(await mailbox.Locator("#mailbox tbody tr td.message-body").First.InnerTextAsync()).Value;
        await page.GetByLabel("验证码", new() { Exact = true }).FillAsync(unlockCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "解锁" }).ClickAsync();
        await Assertions.Expect(page.Locator("#flash")).ToContainTextAsync("验证成功");
        await page.GetByLabel("账号（手机号码、身份证号码或工作人员用户名）").FillAsync(phone);
        await page.GetByLabel("密码").FillAsync("Parent#2026x");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
    }

    [Fact]
    public async Task Organisation_IsPendingUntilTheWindowApprovesItsAuthorisationLetter()
    {
        // 张三 registers a training school the bureau's list does not hold (a valid, made-up code).
        var zhangsan = await SignInAsync("zhangsan", secondFactor: false);
        await zhangsan.GotoAsync("/account/me/organizations");
        await zhangsan.GetByLabel("单位全称").FillAsync("上海市闵行区明德培训学校（演示）");
        await zhangsan.GetByLabel("统一社会信用代码（18 位）").FillAsync("52310112MJ4782191B");
        await zhangsan.GetByLabel("法定代表人").FillAsync("张三");
        await zhangsan.GetByRole(AriaRole.Button, new() { Name = "登记单位" }).ClickAsync();
        await Assertions.Expect(zhangsan.Locator("#verification h2")).ToContainTextAsync("待核验");
        await Assertions.Expect(zhangsan.Locator("form[action*='handler=Add']")).ToHaveCountAsync(0);
        await zhangsan.Locator("#letter").SetInputFilesAsync(new FilePayload { Name = "授权委托书.pdf", MimeType = "application/pdf", Buffer = GovHall.Tests.Infrastructure.SampleFiles.Pdf });
        await zhangsan.Locator("#licence").SetInputFilesAsync(new FilePayload { Name = "办学许可证.png", MimeType = "image/png", Buffer = GovHall.Tests.Infrastructure.SampleFiles.Png });
        await zhangsan.GetByRole(AriaRole.Button, new() { Name = "提交核验" }).ClickAsync();
        await Assertions.Expect(zhangsan.Locator("#verification h2")).ToContainTextAsync("审核中");
        await ScreenshotAsync(zhangsan, "organisation-under-review");

        // The window clerk finds it in the queue, opens the letter, and approves.
        var clerk = await SignInAsync("clerk");
        await clerk.GotoAsync("/staff");
        await clerk.GetByRole(AriaRole.Link, new() { Name = "单位核验" }).ClickAsync();
        await clerk.Locator("#queue tr", new() { HasText = "上海市闵行区明德培训学校（演示）" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(clerk.Locator("#documents")).ToContainTextAsync("授权委托书");
        await ScreenshotAsync(clerk, "staff-organisation-review");
        await clerk.GetByRole(AriaRole.Button, new() { Name = "核验通过" }).ClickAsync();
        await Assertions.Expect(clerk.Locator("#done")).ToContainTextAsync("已核验通过");

        await zhangsan.ReloadAsync();
        await Assertions.Expect(zhangsan.Locator("#verification h2")).ToContainTextAsync("已核验");
        await Assertions.Expect(zhangsan.GetByRole(AriaRole.Button, new() { Name = "添加经办人" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SystemAdministrator_SignsInWithTotpAndCreatesAReviewer()
    {
        var page = await SignInAsync("admin");
        await page.GotoAsync("/system");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("系统管理");

        await page.GetByRole(AriaRole.Link, new() { Name = "新建工作人员账号" }).ClickAsync();
        var userName = "reviewer" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("用户名（字母、数字，登录用）").FillAsync(userName);
        await page.GetByLabel("姓名").FillAsync("刘审核");
        await page.GetByLabel("部门").SelectOptionAsync(new SelectOptionValue { Label = "行政审批科" });
        await page.GetByLabel("审核", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("初始密码（首次登录后须绑定两步验证）").FillAsync("Initial#2026x");
        await ScreenshotAsync(page, "system-new-staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync("账号已创建");

        await page.GotoAsync("/system");
        var row = page.Locator("#staff tbody tr", new() { HasText = userName });
        await Assertions.Expect(row).ToContainTextAsync("审核");
        await Assertions.Expect(row).ToContainTextAsync("未开启");
        await page.GotoAsync("/system/audit");
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("staff.created");
        await ScreenshotAsync(page, "system-audit");
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

public sealed class AccountJourneyTests_Sqlite(SqliteBrowserHall hall) : AccountJourneyTests(hall), IClassFixture<SqliteBrowserHall>;

public sealed class AccountJourneyTests_Postgres(PostgresBrowserHall hall) : AccountJourneyTests(hall), IClassFixture<PostgresBrowserHall>;
