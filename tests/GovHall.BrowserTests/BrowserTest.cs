using Microsoft.Playwright;

namespace GovHall.BrowserTests;

// Base of the browser journeys: skips (or, in CI, fails) without a database or Chromium, and
// saves full-page screenshots as artifacts named by database and page.
public abstract class BrowserTest
{
    protected BrowserTest(BrowserHall hall)
    {
        hall.SkipIfUnavailable();
        Hall = hall;
    }

    protected BrowserHall Hall { get; }

    // A new page signed in through the sign-in page with the demo password; staff answer the
    // second factor with the demo TOTP secret.
    protected async Task<IPage> SignInAsync(string userName, bool secondFactor = true)
    {
        var page = await Hall.NewPageAsync();
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("账号（手机号码、身份证号码或工作人员用户名）").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        if (secondFactor)
        {
            await page.GetByLabel("动态码或恢复码").FillAsync(Totp.Now());
            await page.GetByRole(AriaRole.Button, new() { Name = "验证" }).ClickAsync();
        }

        return page;
    }

    // Uploads one file for one material on a draft's materials page and waits for the receipt notice.
    protected static async Task UploadAsync(IPage page, string material, string fileName, string mimeType, byte[] content)
    {
        var section = page.Locator("section.material", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = material }) });
        await section.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await section.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice.ok")).ToContainTextAsync($"已收到“{fileName}”");
    }

    protected Task<byte[]> ScreenshotAsync(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(BrowserHall.ScreenshotFolder, $"{Hall.Database.ToString().ToLowerInvariant()}-{name}.png"),
        FullPage = true,
    });
}
