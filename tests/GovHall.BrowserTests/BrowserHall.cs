using System.Net;
using GovHall.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GovHall.BrowserTests;

// A real Kestrel on 127.0.0.1 serving the hall with demo data, and a real headless Chromium
// (Debian's, driven by Playwright's bundled driver; never downloaded).
public class BrowserHall(TestDatabase database) : HallFactory(database)
{
    private IPlaywright? playwright;

    // The hall's clock: the real time, moved forward when a journey needs days to pass.
    public TestClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public string? BrowserUnavailable { get; private set; }

    public static string ScreenshotFolder => ArtifactsFolder("screenshots");

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await base.InitializeAsync();
        if (Unavailable is not null)
        {
            return;
        }

        await TestCalendars.EnterNextYearsAsync(Services, Clock);

        // The search index (and its Chinese analyzer's dictionary) is built on the first
        // search; build it now, so a journey's first search does not pay for it on a busy machine.
        await Services.GetRequiredService<GovHall.Core.Catalog.CatalogIndex>()
            .SearchAsync(new GovHall.Core.Catalog.CatalogQuery("教师资格"), CancellationToken.None);

        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var chromium = Environment.GetEnvironmentVariable("GOVHALL_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            BrowserUnavailable = $"Chromium is not installed at {chromium}.";
            if (InCi)
            {
                throw new InvalidOperationException(BrowserUnavailable);
            }

            return;
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public override void SkipIfUnavailable()
    {
        base.SkipIfUnavailable();
        if (BrowserUnavailable is not null)
        {
            Assert.Skip(BrowserUnavailable);
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        // CI runs every test assembly at once on two cores, where a cold first page can take
        // longer than Playwright's 30 s default; this is a wait, not an assertion.
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.CloseAsync();
            playwright.Dispose();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

// A browser hall whose email goes to a real SMTP server (maildev); the dispatcher runs when
// a journey says so.
public class MailBrowserHall(TestDatabase database) : BrowserHall(database)
{
    public Maildev? Mail { get; private set; }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["GovHall:Notifications:DispatchIntervalSeconds"] = "0",
        ["GovHall:Notifications:Mail:Host"] = "127.0.0.1",
        ["GovHall:Notifications:Mail:Port"] = Mail?.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1",
    };

    public override async ValueTask InitializeAsync()
    {
        if (Maildev.Unavailable() is { } missing)
        {
            if (InCi)
            {
                throw new InvalidOperationException(missing);
            }
        }
        else
        {
            Mail = await Maildev.StartAsync();
        }

        await base.InitializeAsync();
    }

    public override void SkipIfUnavailable()
    {
        base.SkipIfUnavailable();
        if (Mail is null)
        {
            Assert.Skip(Maildev.Unavailable() ?? "maildev did not start.");
        }
    }

    public async Task DispatchAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<GovHall.Core.Notifications.NotificationDispatcher>();
        while (await dispatcher.DispatchOnceAsync("browser-test", 50, CancellationToken.None) > 0)
        {
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Mail is not null)
        {
            await Mail.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteMailBrowserHall() : MailBrowserHall(TestDatabase.Sqlite);

public sealed class PostgresMailBrowserHall() : MailBrowserHall(TestDatabase.Postgres);

public sealed class SqliteBrowserHall() : BrowserHall(TestDatabase.Sqlite);

public sealed class PostgresBrowserHall() : BrowserHall(TestDatabase.Postgres);
