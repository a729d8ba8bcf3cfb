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

    protected Task<byte[]> ScreenshotAsync(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(BrowserHall.ScreenshotFolder, $"{Hall.Database.ToString().ToLowerInvariant()}-{name}.png"),
        FullPage = true,
    });
}
